// Any select menu: a deferred update of its message.
// ':id' is dressed's pattern for any custom ID; it scores lowest, so every specific pattern is tried first (a regex
// such as /^.*$/ would score highest: dressed scores a regex's source as if it were a pattern).
export const pattern = ':id';

export default function deferUpdate(interaction) {
  return interaction.deferUpdate();
}
