// The conformance bot (docs/bot.md) on discord-hono, served on Node by @hono/node-server: DiscordHono verifies the
// signature, answers PINGs and dispatches by command name and custom ID: the profile's, and the corpus manifest's
// (../corpus.cjs); '' registers the handler of any other.
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { DiscordHono, makeLabel, makeModal, makeTextInput } from 'discord-hono';
import corpus from '../corpus.cjs';
import { pickChoices } from '../bot_profile.cjs';

const PARAGRAPH = 2;
const FILE_NAME = 'conformance-bot.txt';

// The corpus manifest: the commands, components and modals the suite's corpus sends (docs/corpus.md), each registered
// by its name or custom ID; '' answers any other.
const CORPUS = corpus.loadManifest();
const autocompletes = (options = []) => options.some((option) => option.autocomplete || autocompletes(option.options));

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
  .autocomplete('pick', (c) => c.resAutocomplete(pickChoices(c.focused?.name, c.focused?.value)))
  .component('bot:update', (c) => c.update().res('Updated by the conformance bot.'))
  .component('bot:defer-update', (c) => c.update().resDefer())
  .modal('bot:feedback', (c) => c.res(String(c.var['bot:feedback:text'] ?? '')));
for (const command of CORPUS.commands) {
  app.command(command.name, (c) => c.flags('EPHEMERAL').res(`/${c.interaction.data.name} handled by discord-hono`));
  if (autocompletes(command.options)) {
    app.autocomplete(command.name, (c) => c.resAutocomplete(corpus.choices(CORPUS, c.interaction.data)));
  }
}
for (const { custom_id: customId } of CORPUS.components) app.component(customId, (c) => c.update().resDefer());
for (const { custom_id: customId } of CORPUS.modals) {
  app.modal(customId, (c) => c.flags('EPHEMERAL').res(`${c.interaction.data.custom_id} handled by discord-hono`));
}
app
  .command('', (c) => c.flags('EPHEMERAL').res(`/${c.interaction.data.name} is not a command of the conformance bot`))
  .autocomplete('', (c) => c.resAutocomplete([]))
  .component('', (c) => c.flags('EPHEMERAL').res(`${c.interaction.data.custom_id} is not a component of the conformance bot`))
  .modal('', (c) => c.flags('EPHEMERAL').res(`${c.interaction.data.custom_id} is not a modal of the conformance bot`));

const hostname = process.env.CONFORMANCE_HOST ?? '127.0.0.1';
const port = Number(process.env.CONFORMANCE_PORT ?? 8080);
const server = serve({ fetch: app.fetch, hostname, port }, () =>
  console.log(`discord-hono bot on http://${hostname}:${port}/interactions`),
);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
});
