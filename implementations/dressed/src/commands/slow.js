import { setTimeout as sleep } from 'node:timers/promises';

export const config = { description: 'Answers after two seconds.' };

// Bot profile v2: a deferral at once, then, two seconds later, an edit of the original response.
export default async function slow(interaction) {
  await interaction.deferReply();
  await sleep(2000);
  return interaction.editReply('Done, after two seconds.');
}
