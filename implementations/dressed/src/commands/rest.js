export const config = { description: "Answers through Discord's REST callback." };

// Every dressed reply goes through Discord's REST callback, and the HTTP reply is dressed's 202 with no body.
export default function rest(interaction) {
  return interaction.reply('Answered through the REST callback.');
}
