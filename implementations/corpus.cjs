// The corpus manifest (conformance/corpus/manifest.json, docs/corpus.md) as the Node drivers read it: the commands,
// component custom IDs and modals the suite's corpus sends. Discord sends an app only what the app registered and
// put on its own messages and modals, so each driver registers them, and answers each with a short message and each
// autocomplete with choices of the focused option's type. Only Node's standard library: it runs in any driver.
const fs = require('node:fs');
const path = require('node:path');

const MANIFEST = path.join(__dirname, '..', 'conformance', 'corpus', 'manifest.json');
const FORMAT = 1;
const SUBCOMMAND_TYPES = new Set([1, 2]);
const INTEGER = 4;
const NUMBER = 10;
const MAX_CHOICE_LENGTH = 100;

/** Read the manifest; throw, naming the file, if it is of a format or holds guild commands this module does not read. */
function loadManifest(file = MANIFEST) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf-8'));
  if (manifest.format !== FORMAT) throw new Error(`${file}: format ${manifest.format}, the drivers read format ${FORMAT}`);
  if (Object.keys(manifest.guild_commands).length > 0) throw new Error(`${file}: guild commands, which the drivers do not register`);
  return manifest;
}

/** Return the manifest's command that an interaction's `data` invokes, or undefined. */
function findCommand(manifest, data) {
  return manifest.commands.find((command) => command.name === data.name && command.type === (data.type ?? 1));
}

/** Return the focused option of an autocomplete's `data` and its declaration in the manifest, or undefined. */
function focusedOption(manifest, data) {
  let declared = findCommand(manifest, data)?.options ?? [];
  let sent = data.options ?? [];
  for (let subcommand = sent.find((o) => SUBCOMMAND_TYPES.has(o.type)); subcommand; subcommand = sent.find((o) => SUBCOMMAND_TYPES.has(o.type))) {
    declared = declared.find((option) => option.name === subcommand.name)?.options ?? [];
    sent = subcommand.options ?? [];
  }
  const focused = sent.find((option) => option.focused);
  const declaration = focused && declared.find((option) => option.name === focused.name);
  return declaration ? { value: focused.value, declaration } : undefined;
}

/**
 * Return autocomplete choices for an autocomplete's `data`: the text typed, as a value of the focused option's
 * declared type (Discord sends the typed text as a string whatever the type). No choices for a command or option the
 * manifest does not declare.
 */
function choices(manifest, data) {
  const focused = focusedOption(manifest, data);
  if (!focused) return [];
  const typed = String(focused.value ?? '').trim().slice(0, MAX_CHOICE_LENGTH);
  if (focused.declaration.type === INTEGER) {
    const number = Number.parseInt(typed, 10);
    const value = Number.isSafeInteger(number) ? number : 1;
    return [{ name: String(value), value }];
  }
  if (focused.declaration.type === NUMBER) {
    const number = Number.parseFloat(typed);
    const value = Number.isFinite(number) && Math.abs(number) <= 2 ** 53 ? number : 1.5;
    return [{ name: String(value), value }];
  }
  const text = typed || focused.declaration.name;
  return [{ name: text, value: text }];
}

module.exports = { MANIFEST, choices, findCommand, focusedOption, loadManifest };
