// bot:defer-update, and any other button: a deferred update of the button's message.
export const pattern = /^.*$/;

export default function deferUpdate(interaction) {
  return interaction.deferUpdate();
}
