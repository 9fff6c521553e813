// Run at install, before `dressed build`: writes a handler file for each command, component custom ID and modal of
// the corpus manifest (../corpus.cjs, docs/corpus.md), as dressed's file-based routing takes them, under
// src/commands/corpus/ and src/components/{buttons,selects,modals}/corpus/ (not committed). Each re-exports the
// handlers of src/corpus.js. Discord sends an app only the commands it registered and the components and modals it
// put on its own messages; with the Discord API double, a command without a handler would get no callback at all.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import corpus from '../corpus.cjs';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const COMMAND_TYPES = { 1: 'ChatInput', 2: 'User', 3: 'Message' };
const CONTEXTS = { 0: 'Guild', 1: 'BotDM', 2: 'PrivateChannel' };
const INTEGRATION_TYPES = { 0: 'Guild', 1: 'User' };
const BUTTON = 2;
const autocompletes = (options = []) => options.some((option) => option.autocomplete || autocompletes(option.options));
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Return dressed's `config` for a command of the manifest: its type, contexts and options by dressed's names. */
function commandConfig(command) {
  const config = { type: COMMAND_TYPES[command.type], contexts: command.contexts.map((context) => CONTEXTS[context]) };
  if (command.integration_types.length === 1) config.integration_type = INTEGRATION_TYPES[command.integration_types[0]];
  if (command.type === 1) Object.assign(config, { description: command.description, options: command.options });
  return config;
}

/** Write one handler file, under a folder `corpus` that this script empties first. */
function write(folder, name, lines) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${name}.js`), `${lines.join('\n')}\n`);
}

/** Write a component's or a modal's file: its custom ID as a regex, so that dressed reads no `:param` in it. */
function writeCustomId(category, customId, handler) {
  write(path.join(SRC, 'components', category, 'corpus'), customId, [
    `export const pattern = /^${escapeRegExp(customId)}$/;`,
    '',
    `export { ${handler} as default } from '../../../corpus.js';`,
  ]);
}

const manifest = corpus.loadManifest();
for (const folder of ['commands', 'components/buttons', 'components/selects', 'components/modals']) {
  rmSync(path.join(SRC, folder, 'corpus'), { recursive: true, force: true });
}
for (const command of manifest.commands) {
  const handlers = autocompletes(command.options) ? 'reply as default, autocomplete' : 'reply as default';
  write(path.join(SRC, 'commands', 'corpus'), command.name, [
    `export const config = ${JSON.stringify(commandConfig(command))};`,
    '',
    `export { ${handlers} } from '../../corpus.js';`,
  ]);
}
for (const component of manifest.components) {
  writeCustomId(component.component_type === BUTTON ? 'buttons' : 'selects', component.custom_id, 'deferUpdate');
}
for (const modal of manifest.modals) writeCustomId('modals', modal.custom_id, 'submitted');
console.log(`register-corpus: ${manifest.commands.length} commands, ${manifest.components.length} components, ${manifest.modals.length} modals`);
