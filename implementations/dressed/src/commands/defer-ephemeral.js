export const config = { description: 'Defers an answer only you will see.' };

export default function deferEphemeral(interaction) {
  return interaction.deferReply({ ephemeral: true });
}
