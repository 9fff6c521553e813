export const config = {
  description: 'Repeats the text exactly.',
  options: [{ type: 3, name: 'text', description: 'The text to repeat', required: true, max_length: 2000 }],
};

export default function echo(interaction) {
  return interaction.reply(interaction.getOption('text', true).string());
}
