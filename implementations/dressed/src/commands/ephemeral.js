export const config = { description: 'Answers with a message only you can see.' };

export default function ephemeral(interaction) {
  return interaction.reply({ content: 'Only you can see this.', ephemeral: true });
}
