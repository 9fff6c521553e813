// The conformance bot (docs/bot.md) on slash-create: SlashCommand classes, global component and modal callbacks,
// and autocomplete, as slash-create's docs show. It also registers the commands, components and modals of the
// suite's corpus from the corpus manifest (../corpus.cjs), as an app that sent them would have. Commands are never synced: no token is set and syncCommands() is
// not called, so nothing is ever sent to Discord.
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

  async run() {
    await sleep(2000);
    return 'Done, after two seconds.';
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
    applicationID: '1284458905291718656', // only used in REST calls, which this bot never makes
    publicKey: process.env.CONFORMANCE_PUBLIC_KEY,
    serverHost: process.env.CONFORMANCE_HOST ?? '127.0.0.1',
    serverPort: Number(process.env.CONFORMANCE_PORT ?? 8030),
    endpointPath: '/interactions',
    // The automatic deferral after 2 s would pre-empt /slow and then edit the reply through Discord's REST API.
    disableTimeouts: true,
  });
  creator.registerCommands([
    EchoCommand,
    EphemeralCommand,
    DeferEphemeralCommand,
    PickCommand,
    FeedbackCommand,
    FileCommand,
    SlowCommand,
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
