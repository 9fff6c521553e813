// The conformance bot (docs/bot.md) on discord-hono, served on Node by @hono/node-server: DiscordHono verifies the
// signature, answers PINGs and dispatches by command name and custom ID; '' registers the handler of any other.
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { DiscordHono, makeLabel, makeModal, makeTextInput } from 'discord-hono';

const FRUITS = [
  'Apple', 'Apricot', 'Avocado', 'Banana', 'Blackberry', 'Blackcurrant', 'Blueberry', 'Cherry', 'Clementine',
  'Coconut', 'Cranberry', 'Date', 'Dragon fruit', 'Elderberry', 'Fig', 'Gooseberry', 'Grape', 'Grapefruit',
  'Guava', 'Kiwi', 'Lemon', 'Lime', 'Lychee', 'Mango', 'Melon', 'Nectarine', 'Orange', 'Papaya', 'Peach', 'Pear',
  'Pineapple', 'Plum', 'Pomegranate', 'Raspberry', 'Strawberry', 'Watermelon',
];
const PARAGRAPH = 2;
const FILE_NAME = 'conformance-bot.txt';

function choices(name, typed) {
  const text = String(typed ?? '');
  if (name === 'fruit') {
    return FRUITS.filter((fruit) => fruit.toLowerCase().startsWith(text.toLowerCase()))
      .slice(0, 25)
      .map((fruit) => ({ name: fruit, value: fruit.toLowerCase() }));
  }
  if (name === 'number') {
    return Array.from({ length: 1000 }, (_, number) => String(number))
      .filter((number) => number.startsWith(text.trim()))
      .slice(0, 25)
      .map((number) => ({ name: number, value: Number(number) }));
  }
  return [];
}

// discordEnv: on Node, @hono/node-server passes no Workers environment, so the key is given here.
const app = new DiscordHono({ discordEnv: { PUBLIC_KEY: process.env.CONFORMANCE_PUBLIC_KEY } })
  .command('echo', (c) => c.res(String(c.var.text ?? '')))
  .command('ephemeral', (c) => c.flags('EPHEMERAL').res('Only you can see this.'))
  .command('defer-ephemeral', (c) => c.flags('EPHEMERAL').resDefer())
  .command('feedback', (c) =>
    c.resModal(
      makeModal('bot:feedback', 'Feedback', [
        makeLabel('What do you think of this bot?', makeTextInput('bot:feedback:text', undefined, PARAGRAPH).required(true)),
      ]),
    ),
  )
  .command('file', (c) =>
    c.res(
      { content: 'Here is a file from the conformance bot.', attachments: [{ id: 0, filename: FILE_NAME }] },
      { blob: new Blob([Buffer.from('The conformance bot attached this file. \u2713\n', 'utf-8')]), name: FILE_NAME },
    ),
  )
  // A real bot would answer through Discord's REST callback; a handler may return any Response: 202 and no body.
  .command('rest', () => new Response(null, { status: 202 }))
  .command('slow', async (c) => {
    await sleep(2000);
    return c.res('Done, after two seconds.');
  })
  .command('', (c) => c.flags('EPHEMERAL').res(`/${c.interaction.data.name} handled by discord-hono`))
  .autocomplete('pick', (c) => c.resAutocomplete(choices(c.focused?.name, c.focused?.value)))
  .autocomplete('', (c) => c.resAutocomplete([]))
  .component('bot:update', (c) => c.update().res('Updated by the conformance bot.'))
  .component('', (c) => c.update().resDefer())
  .modal('bot:feedback', (c) => c.res(String(c.var['bot:feedback:text'] ?? '')))
  .modal('', (c) => c.flags('EPHEMERAL').res(`${c.interaction.data.custom_id} handled by discord-hono`));

const hostname = process.env.CONFORMANCE_HOST ?? '127.0.0.1';
const port = Number(process.env.CONFORMANCE_PORT ?? 8080);
const server = serve({ fetch: app.fetch, hostname, port }, () =>
  console.log(`discord-hono bot on http://${hostname}:${port}/interactions`),
);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
});
