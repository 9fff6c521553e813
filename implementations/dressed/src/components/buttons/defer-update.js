export const pattern = /^bot:defer-update$/;

export default function deferUpdate(interaction) {
  return interaction.deferUpdate();
}
