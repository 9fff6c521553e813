// Any other modal: a short ephemeral message.
export const pattern = /^.*$/;

export default function anyModal(interaction) {
  return interaction.reply({ content: `${interaction.data.custom_id} handled by dressed`, ephemeral: true });
}
