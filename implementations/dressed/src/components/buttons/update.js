export const pattern = /^bot:update$/;

export default function update(interaction) {
  return interaction.update('Updated by the conformance bot.');
}
