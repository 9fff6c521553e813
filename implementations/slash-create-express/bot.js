// The conformance bot (docs/bot.md) on slash-create: SlashCommand classes, global component and modal callbacks,
// and autocomplete, as slash-create's docs show. It also registers the commands, components and modals of the
// suite's corpus from the corpus manifest (../corpus.cjs), as an app that sent them would have. Commands are never
// synced (syncCommands() is not called), and the REST client's baseURL is the suite's Discord API double, or a
// closed local port: nothing is ever sent to Discord.
const { setTimeout: sleep } = require('node:timers/promises');
const { SlashCreator, SlashCommand, CommandOptionType, ComponentType, TextInputStyle } = require('slash-create');
const { choices, loadManifest } = require('../corpus.cjs');

const FRUITS = [
  'Apple', 'Apricot', 'Avocado', 'Banana', 'Blackberry', 'Blackcurrant', 'Blueberry', 'Cherry', 'Clementine',
  'Coconut', 'Cranberry', 'Date', 'Dragon fruit', 'Elderberry', 'Fig', 'Gooseberry', 'Grape', 'Grapefruit',
  'Guava', 'Kiwi', 'Lemon', 'Lime', 'Lychee', 'Mango', 'Melon', 'Nectarine', 'Orange', 'Papaya', 'Peach', 'Pear',
  'Pineapple', 'Plum', 'Pomegranate', 'Raspberry', 'Strawberry', 'Watermelon',
];
const FILE_NAME = 'conformance-bot.txt';
// The base URL of the suite's Discord API double (http://HOST:PORT/api/v10), which the runner announces, and the
// application ID of the interactions the double issues.
const DISCORD_API_URL = process.env.CONFORMANCE_DISCORD_API_URL?.replace(/\/+$/, '');
const CLOSED_API_URL = 'http://127.0.0.1:9/api/v10';
const DOUBLE_APPLICATION_ID = '1250000000000000001';

class EchoCommand extends SlashCommand {
  constructor(creator) {
    super(creator, {
      name: 'echo',
      description: 'Repeats the text exactly.',
      options: [
        { type: CommandOptionType.STRING, name: 'text', description: 'The text to repeat', required: true, max_length: 2000 },
      ],
    });
  }

  async run(ctx) {
    return ctx.options.text;
  }
}

class EphemeralCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'ephemeral', description: 'Answers with a message only you can see.' });
  }

  async run() {
    return { content: 'Only you can see this.', ephemeral: true };
  }
}

class DeferEphemeralCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'defer-ephemeral', description: 'Defers an answer only you will see.' });
  }

  async run(ctx) {
    await ctx.defer(true);
    await ctx.editOriginal('Only you can see this, after a deferral.');
  }
}

class PickCommand extends SlashCommand {
  constructor(creator) {
    super(creator, {
      name: 'pick',
      description: 'Picks a fruit and a number, with autocomplete.',
      options: [
        { type: CommandOptionType.STRING, name: 'fruit', description: 'A fruit', required: true, autocomplete: true },
        {
          type: CommandOptionType.INTEGER,
          name: 'number',
          description: 'A number',
          required: true,
          autocomplete: true,
          min_value: 0,
          max_value: 999,
        },
      ],
    });
  }

  async autocomplete(ctx) {
    const typed = String(ctx.options[ctx.focused]);
    if (ctx.focused === 'fruit') {
      return FRUITS.filter((fruit) => fruit.toLowerCase().startsWith(typed.toLowerCase()))
        .slice(0, 25)
        .map((fruit) => ({ name: fruit, value: fruit.toLowerCase() }));
    }
    return Array.from({ length: 1000 }, (_, number) => String(number))
      .filter((number) => number.startsWith(typed.trim()))
      .slice(0, 25)
      .map((number) => ({ name: number, value: Number(number) }));
  }

  async run(ctx) {
    return `You picked ${ctx.options.fruit} and ${ctx.options.number}.`;
  }
}

class FeedbackCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'feedback', description: 'Opens a feedback form and repeats what you submit.' });
  }

  async run(ctx) {
    await ctx.sendModal({
      custom_id: 'bot:feedback',
      title: 'Feedback',
      components: [
        {
          type: ComponentType.LABEL,
          label: 'What do you think of this bot?',
          component: {
            type: ComponentType.TEXT_INPUT,
            custom_id: 'bot:feedback:text',
            style: TextInputStyle.PARAGRAPH,
            required: true,
          },
        },
      ],
    });
  }
}

class FileCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'file', description: 'Answers with a file attached.' });
  }

  async run(ctx) {
    await ctx.send({
      content: 'Here is a file from the conformance bot.',
      files: [{ file: Buffer.from('The conformance bot attached this file. \u2713\n', 'utf-8'), name: FILE_NAME }],
      attachments: [{ id: 0, filename: FILE_NAME }],
    });
  }
}

class SlowCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'slow', description: 'Answers after two seconds.' });
  }

  async run(ctx) {
    await ctx.defer();
    await sleep(2000);
    await ctx.editOriginal('Done, after two seconds.');
  }
}

class FollowupCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'followup', description: 'Replies, then sends a follow-up message.' });
  }

  async run(ctx) {
    await ctx.send('First, the reply.');
    await ctx.sendFollowUp('Then, a follow-up.');
  }
}

class RestCommand extends SlashCommand {
  constructor(creator) {
    super(creator, { name: 'rest', description: "Answers through Discord's REST callback." });
  }

  // With postCallbacks (see createBot), slash-create answers the HTTP request with 202 and sends this reply to the
  // interaction callback endpoint.
  async run() {
    return 'Answered through the REST callback.';
  }
}

// The corpus manifest: the commands, components and modals the suite's corpus sends (docs/corpus.md).
const CORPUS = loadManifest();
const CORPUS_COMPONENTS = new Set(CORPUS.components.map((component) => component.custom_id));
const CORPUS_MODALS = new Set(CORPUS.modals.map((modal) => modal.custom_id));

/** Return a SlashCommand class for one command of the corpus manifest, registered as the manifest declares it. */
function corpusCommand(entry) {
  return class CorpusCommand extends SlashCommand {
    constructor(creator) {
      super(creator, {
        type: entry.type,
        name: entry.name,
        description: entry.description || undefined,
        options: entry.options,
        integrationTypes: entry.integration_types,
        contexts: entry.contexts,
      });
    }

    async autocomplete(ctx) {
      return choices(CORPUS, ctx.data.data);
    }

    async run() {
      return { content: `/${entry.name} handled by slash-create`, ephemeral: true };
    }
  };
}

const BUTTONS = {
  'bot:update': (ctx) => ctx.editParent('Updated by the conformance bot.'),
  'bot:defer-update': (ctx) => ctx.acknowledge(),
};
const MODALS = {
  'bot:feedback': (ctx) => ctx.send(ctx.values['bot:feedback:text']),
};

/** Return a SlashCreator running the conformance bot, answering over HTTP on `server`. */
function createBot(server) {
  const creator = new SlashCreator({
    // slash-create names this application in every webhook route (/webhooks/{applicationID}/{token}); the suite's
    // interactions name the double's application while it runs.
    applicationID: DISCORD_API_URL ? DOUBLE_APPLICATION_ID : '1284458905291718656',
    publicKey: process.env.CONFORMANCE_PUBLIC_KEY,
    serverHost: process.env.CONFORMANCE_HOST ?? '127.0.0.1',
    serverPort: Number(process.env.CONFORMANCE_PORT ?? 8030),
    endpointPath: '/interactions',
    // No automatic deferral after 2 s: every reply of the profile is the bot's own, as the profile states it.
    disableTimeouts: true,
    // Every interaction but a PING gets 202 at once and its reply through the REST callback endpoint, by
    // slash-create's own REST client, pointed at the suite's Discord API double by its baseURL option.
    postCallbacks: true,
    rest: { baseURL: DISCORD_API_URL ?? CLOSED_API_URL },
    // slash-create asks for a token before any webhook request (edit the original, a follow-up), though Discord
    // authorises those by the interaction's token; the double ignores this one.
    token: 'conformance-suite-token',
  });
  creator.registerCommands([
    EchoCommand,
    EphemeralCommand,
    DeferEphemeralCommand,
    PickCommand,
    FeedbackCommand,
    FileCommand,
    SlowCommand,
    FollowupCommand,
    RestCommand,
    ...CORPUS.commands.map(corpusCommand),
  ]);
  for (const [customID, callback] of Object.entries(BUTTONS)) creator.registerGlobalComponent(customID, callback);
  for (const [customID, callback] of Object.entries(MODALS)) creator.registerGlobalModal(customID, callback);
  const handled = (ctx) => ctx.send({ content: `${ctx.customID} handled by slash-create`, ephemeral: true });
  for (const customID of CORPUS_COMPONENTS) creator.registerGlobalComponent(customID, handled);
  for (const customID of CORPUS_MODALS) creator.registerGlobalModal(customID, handled);
  // Components and modals the bot does not know get a short message; unknown commands get slash-create's own.
  creator.on('componentInteraction', async (ctx) => {
    if (!(ctx.customID in BUTTONS) && !CORPUS_COMPONENTS.has(ctx.customID)) {
      await ctx.send({ content: `${ctx.customID} is not a component of the conformance bot`, ephemeral: true });
    }
  });
  // slash-create answers 400 to autocomplete for a command it does not have; the bot offers no choices instead.
  creator.on('autocompleteInteraction', async (ctx, command) => {
    if (!command) await ctx.sendResults([]);
  });
  creator.on('modalInteraction', async (ctx) => {
    if (!(ctx.customID in MODALS) && !CORPUS_MODALS.has(ctx.customID)) await ctx.send({ content: `${ctx.customID} is not a modal of the conformance bot`, ephemeral: true });
  });
  creator.on('warn', (message) => console.warn('warn:', message));
  creator.on('error', (error) => console.error('error:', error));
  creator.on('commandError', (command, error) => console.error(`/${command.commandName} failed:`, error));
  return creator.withServer(server);
}

module.exports = { createBot };
