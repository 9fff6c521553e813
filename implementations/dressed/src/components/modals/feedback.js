export const pattern = /^bot:feedback$/;

export default function feedbackSubmitted(interaction) {
  const rows = interaction.data.components ?? [];
  const inputs = rows.flatMap((row) => (row.component ? [row.component] : (row.components ?? [])));
  return interaction.reply(inputs.find((input) => input.custom_id === 'bot:feedback:text')?.value ?? '');
}
