export const config = { description: 'Defers an answer only you will see.' };

// Bot profile v2: the deferral, then an edit of the original response.
export default async function deferEphemeral(interaction) {
  await interaction.deferReply({ ephemeral: true });
  return interaction.editReply('Only you can see this, after a deferral.');
}
