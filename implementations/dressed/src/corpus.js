// The handlers of the commands the suite's corpus sends (implementations/corpus_commands.py lists them; Discord sends
// an app only the commands it registered). Each command file under commands/ re-exports these: a short ephemeral
// message, and no choices for an autocomplete.
export function reply(interaction) {
  return interaction.reply({ content: `/${interaction.data.name} handled by dressed`, ephemeral: true });
}

export function autocomplete(interaction) {
  return interaction.sendChoices([]);
}
