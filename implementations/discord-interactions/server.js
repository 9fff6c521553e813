// The conformance bot (docs/bot.md) on discord-interactions with Express, as the library's README shows:
// verifyKeyMiddleware checks the signature and answers PINGs; the route handler answers the rest, including the
// commands, components and modals of the suite's corpus, from the corpus manifest (../corpus.cjs).
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import corpus from '../corpus.cjs';
import { pickChoices } from '../bot_profile.cjs';
import {
  InteractionResponseFlags,
  InteractionResponseType,
  InteractionType,
  MessageComponentTypes,
  TextStyleTypes,
  verifyKeyMiddleware,
} from 'discord-interactions';

// The corpus manifest: the commands, components and modals the suite's corpus sends (docs/corpus.md). This library
// has no registry of its own, so the handlers below look them up in it.
const CORPUS = corpus.loadManifest();
const CORPUS_COMPONENTS = new Set(CORPUS.components.map((component) => component.custom_id));
const CORPUS_MODALS = new Set(CORPUS.modals.map((modal) => modal.custom_id));
const handled = (what) => message(`${what} handled by discord-interactions`, InteractionResponseFlags.EPHEMERAL);

// discord-interactions has no REST client: the bot makes its REST calls (the REST callback, editing the original,
// a follow-up) with Node's built-in fetch, to Discord's API or to the base URL the suite's double announces.
const API_BASE_URL = (process.env.CONFORMANCE_DISCORD_API_URL ?? 'https://discord.com/api/v10').replace(/\/+$/, '');
const USER_AGENT = 'DiscordBot (https://github.com/discord/discord-interactions-js, 4.4.0)';
const MAX_ATTEMPTS = 3;

// Send one JSON request; on 429, wait as long as Retry-After says and try again, at most MAX_ATTEMPTS times.
async function discordApi(method, path, body) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${API_BASE_URL}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
      body: JSON.stringify(body),
    });
    if (response.status !== 429 || attempt === MAX_ATTEMPTS) {
      if (!response.ok) {
        console.error(`${method} ${path}: ${response.status} ${await response.text()}`);
      }
      return response;
    }
    await sleep(Number(response.headers.get('Retry-After') ?? 1) * 1000);
  }
}

const callback = (interaction, response) =>
  discordApi('POST', `/interactions/${interaction.id}/${interaction.token}/callback`, response);
const editOriginal = (interaction, data) =>
  discordApi('PATCH', `/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`, data);
const followUp = (interaction, data) =>
  discordApi('POST', `/webhooks/${interaction.application_id}/${interaction.token}`, data);

const message = (content, flags) => ({
  type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
  data: flags ? { content, flags } : { content },
});

// A reply with a file is multipart/form-data: the callback in payload_json, the file in files[0].
async function sendWithFile(res, callback, filename, bytes) {
  const form = new FormData();
  form.append('payload_json', JSON.stringify(callback));
  form.append('files[0]', new Blob([bytes], { type: 'text/plain' }), filename);
  const body = new Response(form);
  res.set('Content-Type', body.headers.get('Content-Type'));
  res.send(Buffer.from(await body.arrayBuffer()));
}

async function onCommand(req, res) {
  const { name, options = [] } = req.body.data;
  switch (name) {
    case 'echo':
      return res.send(message(options.find((option) => option.name === 'text')?.value ?? ''));
    case 'ephemeral':
      return res.send(message('Only you can see this.', InteractionResponseFlags.EPHEMERAL));
    case 'defer-ephemeral':
      res.send({
        type: InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
        data: { flags: InteractionResponseFlags.EPHEMERAL },
      });
      return editOriginal(req.body, { content: 'Only you can see this, after a deferral.' });
    case 'feedback':
      return res.send({
        type: InteractionResponseType.MODAL,
        data: {
          custom_id: 'bot:feedback',
          title: 'Feedback',
          components: [
            {
              type: MessageComponentTypes.LABEL,
              label: 'What do you think of this bot?',
              component: {
                type: MessageComponentTypes.INPUT_TEXT,
                custom_id: 'bot:feedback:text',
                style: TextStyleTypes.PARAGRAPH,
                required: true,
              },
            },
          ],
        },
      });
    case 'file':
      return sendWithFile(
        res,
        {
          type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
          data: {
            content: 'Here is a file from the conformance bot.',
            attachments: [{ id: 0, filename: 'conformance-bot.txt' }],
          },
        },
        'conformance-bot.txt',
        Buffer.from('The conformance bot attached this file. \u2713\n', 'utf-8'),
      );
    case 'rest':
      // Answered through Discord's REST callback; the HTTP request then gets 202 and no body.
      await callback(req.body, message('Answered through the REST callback.'));
      return res.status(202).end();
    case 'slow':
      res.send({ type: InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE });
      await sleep(2000);
      return editOriginal(req.body, { content: 'Done, after two seconds.' });
    case 'followup':
      res.send(message('First, the reply.'));
      return followUp(req.body, { content: 'Then, a follow-up.' });
    case 'pick': {
      const value = (option) => options.find((o) => o.name === option)?.value;
      return res.send(message(`You picked ${value('fruit')} and ${value('number')}.`));
    }
    default:
      if (corpus.findCommand(CORPUS, req.body.data)) return res.send(handled(`/${name}`));
      return res.send(message(`/${name} is not a command of the conformance bot`, InteractionResponseFlags.EPHEMERAL));
  }
}

function onComponent(req, res) {
  const customId = req.body.data.custom_id;
  if (customId === 'bot:update') {
    return res.send({ type: InteractionResponseType.UPDATE_MESSAGE, data: { content: 'Updated by the conformance bot.' } });
  }
  if (customId === 'bot:defer-update') {
    return res.send({ type: InteractionResponseType.DEFERRED_UPDATE_MESSAGE });
  }
  if (CORPUS_COMPONENTS.has(customId)) return res.send(handled(customId));
  return res.send(message(`${customId} is not a component of the conformance bot`, InteractionResponseFlags.EPHEMERAL));
}

function onAutocomplete(req, res) {
  const { name, options = [] } = req.body.data;
  const focused = options.find((option) => option.focused);
  let offered = [];
  if (name === 'pick' && focused) offered = pickChoices(focused.name, focused.value);
  else if (corpus.findCommand(CORPUS, req.body.data)) offered = corpus.choices(CORPUS, req.body.data);
  return res.send({ type: InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, data: { choices: offered } });
}

function onModalSubmit(req, res) {
  const { custom_id: customId, components = [] } = req.body.data;
  if (customId === 'bot:feedback') {
    // Label (type 18) wraps one component; an action row (type 1) holds a list of them.
    const inputs = components.flatMap((row) => (row.component ? [row.component] : (row.components ?? [])));
    const input = inputs.find((component) => component.custom_id === 'bot:feedback:text');
    return res.send(message(input?.value ?? ''));
  }
  if (CORPUS_MODALS.has(customId)) return res.send(handled(customId));
  return res.send(message(`${customId} is not a modal of the conformance bot`, InteractionResponseFlags.EPHEMERAL));
}

const app = express();

app.post('/interactions', verifyKeyMiddleware(process.env.CONFORMANCE_PUBLIC_KEY), async (req, res) => {
  if (typeof req.body.data !== 'object' || req.body.data === null) {
    return res.status(400).send({ error: 'an interaction without data' });
  }
  switch (req.body.type) {
    case InteractionType.APPLICATION_COMMAND:
      return onCommand(req, res);
    case InteractionType.MESSAGE_COMPONENT:
      return onComponent(req, res);
    case InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE:
      return onAutocomplete(req, res);
    case InteractionType.MODAL_SUBMIT:
      return onModalSubmit(req, res);
    default:
      return res.status(400).send({ error: 'unknown interaction type' });
  }
});

const host = process.env.CONFORMANCE_HOST ?? '127.0.0.1';
const port = Number(process.env.CONFORMANCE_PORT ?? 8080);
const server = app.listen(port, host, () => console.log(`discord-interactions bot on http://${host}:${port}/interactions`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
// verifyKeyMiddleware parses the verified body in a stream callback, so a signed body that is not JSON rejects a
// promise nobody awaits; Node would exit on it. Log it and keep serving: that request gets no reply.
process.on('unhandledRejection', (error) => console.error('unhandled rejection:', error));
