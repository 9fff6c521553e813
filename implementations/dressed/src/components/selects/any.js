// Any select menu: a deferred update of its message.
export const pattern = /^.*$/;

export default function deferUpdate(interaction) {
  return interaction.deferUpdate();
}
