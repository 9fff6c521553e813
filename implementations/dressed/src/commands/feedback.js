export const config = { description: 'Opens a feedback form and repeats what you submit.' };

export default function feedback(interaction) {
  return interaction.showModal({
    custom_id: 'bot:feedback',
    title: 'Feedback',
    components: [
      {
        type: 18,
        label: 'What do you think of this bot?',
        component: { type: 4, custom_id: 'bot:feedback:text', style: 2, required: true },
      },
    ],
  });
}
