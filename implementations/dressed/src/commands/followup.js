export const config = { description: 'Answers, then sends a follow-up message.' };

// Bot profile v2: the reply, then one follow-up message through the interaction's webhook.
export default async function followup(interaction) {
  await interaction.reply('First, the reply.');
  return interaction.followUp('Then, a follow-up.');
}
