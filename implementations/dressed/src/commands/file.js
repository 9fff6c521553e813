export const config = { description: 'Answers with a file attached.' };

export default function file(interaction) {
  return interaction.reply({
    content: 'Here is a file from the conformance bot.',
    attachments: [{ id: 0, filename: 'conformance-bot.txt' }],
    files: [{ name: 'conformance-bot.txt', data: Buffer.from('The conformance bot attached this file. \u2713\n', 'utf-8') }],
  });
}
