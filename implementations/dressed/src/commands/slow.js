import { setTimeout as sleep } from 'node:timers/promises';

export const config = { description: 'Answers after two seconds.' };

export default async function slow(interaction) {
  await sleep(2000);
  return interaction.reply('Done, after two seconds.');
}
