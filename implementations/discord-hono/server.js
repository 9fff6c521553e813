// The conformance bot (docs/bot.md) on discord-hono, served on Node by @hono/node-server: DiscordHono verifies the
// signature, answers PINGs and dispatches by command name and custom ID: the profile's, and the corpus manifest's
// (../corpus.cjs); '' registers the handler of any other. Profile v2's REST calls go through discord-hono's own
// REST client (c.rest, and c.followup, which edits the original response), started with c.executionCtx.waitUntil.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import corpus from '../corpus.cjs';
import { pickChoices } from '../bot_profile.cjs';

// discord-hono's REST client sends every call to a hard-coded base, `https://discord.com/api/` + 'v10' (createRest
// in dist/index.mjs, the one occurrence of that string), and has no option for it. When the runner serves the suite's
// Discord API double (CONFORMANCE_DISCORD_API_URL, http://HOST:PORT/api/v10), the bot loads the library's module
// (dist/index.mjs imports nothing) with only that constant replaced by the double's `http://HOST:PORT/api/`.
const DISCORD_API_BASE = 'https://discord.com/api/';
const loadDiscordHono = async () => {
  const apiUrl = process.env.CONFORMANCE_DISCORD_API_URL;
  if (!apiUrl) return import('discord-hono');
  const base = apiUrl.replace(/\/+$/, '');
  if (!base.endsWith('/api/v10')) throw new Error(`CONFORMANCE_DISCORD_API_URL must end in /api/v10: ${apiUrl}`);
  const file = createRequire(import.meta.url).resolve('discord-hono');
  const source = readFileSync(file, 'utf-8');
  if (source.split(DISCORD_API_BASE).length !== 2) throw new Error(`${file}: expected ${DISCORD_API_BASE} once`);
  const replaced = source.replace(DISCORD_API_BASE, base.slice(0, -'v10'.length));
  return import(`data:text/javascript;base64,${Buffer.from(replaced).toString('base64')}`);
};
const { DiscordHono, makeLabel, makeModal, makeTextInput, $interactions$_$_$callback, $webhooks$_$_ } =
  await loadDiscordHono();

const PARAGRAPH = 2;
const FILE_NAME = 'conformance-bot.txt';

// The corpus manifest: the commands, components and modals the suite's corpus sends (docs/corpus.md), each registered
// by its name or custom ID; '' answers any other.
const CORPUS = corpus.loadManifest();
const autocompletes = (options = []) => options.some((option) => option.autocomplete || autocompletes(option.options));

// discordEnv: on Node, @hono/node-server passes no Workers environment, so the key is given here, with the
// application c.followup addresses (the one the suite's double issues interactions under) and a token, without
// which c.rest refuses to send anything (the double needs none: an interaction's token authorises its calls).
const app = new DiscordHono({
  discordEnv: {
    PUBLIC_KEY: process.env.CONFORMANCE_PUBLIC_KEY,
    APPLICATION_ID: '1250000000000000001',
    TOKEN: 'conformance-suite-token',
  },
})
  .command('echo', (c) => c.res(String(c.var.text ?? '')))
  .command('ephemeral', (c) => c.flags('EPHEMERAL').res('Only you can see this.'))
  .command('defer-ephemeral', (c) =>
    c.flags('EPHEMERAL').resDefer((c) => checked(c.followup('Only you can see this, after a deferral.'))),
  )
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
  // Answered through Discord's REST callback, then the HTTP request ends with a web Response: 202 and no body.
  .command('rest', async (c) => {
    const { id, token } = c.interaction;
    const callback = { type: 4, data: { content: 'Answered through the REST callback.' } };
    await checked(c.rest('POST', $interactions$_$_$callback, [id, token], callback));
    return new Response(null, { status: 202 });
  })
  .command('slow', (c) =>
    c.resDefer(async (c) => {
      await sleep(2000);
      return checked(c.followup('Done, after two seconds.'));
    }),
  )
  .command('followup', (c) => {
    const { application_id: applicationId, token } = c.interaction;
    const followUp = { content: 'Then, a follow-up.' };
    c.executionCtx.waitUntil(checked(c.rest('POST', $webhooks$_$_, [applicationId, token], followUp)));
    return c.res('First, the reply.');
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

// A REST call's response: one that is not a success is logged (the bot's log), as the library leaves it to the app.
async function checked(call) {
  const response = await call;
  if (!response.ok) console.error(`REST call answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response;
}

// The execution context a Workers runtime hands the app, which resDefer() and the follow-up need for waitUntil():
// on Node the promise simply runs on, and a failure is logged.
const executionCtx = {
  waitUntil: (promise) => promise.catch((error) => console.error('after the reply:', error)),
  passThroughOnException: () => {},
};

const hostname = process.env.CONFORMANCE_HOST ?? '127.0.0.1';
const port = Number(process.env.CONFORMANCE_PORT ?? 8080);
const server = serve({ fetch: (request, env) => app.fetch(request, env, executionCtx), hostname, port }, () =>
  console.log(`discord-hono bot on http://${hostname}:${port}/interactions`),
);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
});
