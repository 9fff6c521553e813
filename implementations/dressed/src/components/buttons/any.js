// Any other custom ID: a short ephemeral message saying so.
// ':id' is dressed's pattern for any custom ID; it scores lowest, so every specific pattern is tried first (a regex
// such as /^.*$/ would score highest: dressed scores a regex's source as if it were a pattern).
export const pattern = ':id';

export default function unknown(interaction) {
  return interaction.reply({ content: `${interaction.data.custom_id} is not a component of the conformance bot`, ephemeral: true });
}
