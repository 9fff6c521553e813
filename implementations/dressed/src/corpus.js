// The handlers of the commands, components and modals the suite's corpus sends, from the corpus manifest: the files
// that ../register-corpus.mjs writes under commands/corpus/ and components/*/corpus/ re-export these. A short ephemeral
// message for a command or a modal, a deferred update for a component, and for an autocomplete a choice of the
// focused option's declared type (implementations/corpus.cjs). dressed bundles this file, and its build imports the
// bundle from elsewhere, so corpus.cjs is found from the folder `dressed build` and start.js run in, this driver's.
import { createRequire } from 'node:module';
import path from 'node:path';

const corpus = createRequire(import.meta.url)(path.resolve('..', 'corpus.cjs'));
const CORPUS = corpus.loadManifest();

export function reply(interaction) {
  return interaction.reply({ content: `/${interaction.data.name} handled by dressed`, ephemeral: true });
}

export function autocomplete(interaction) {
  return interaction.sendChoices(corpus.choices(CORPUS, interaction.data));
}

export function deferUpdate(interaction) {
  return interaction.deferUpdate();
}

export function submitted(interaction) {
  return interaction.reply({ content: `${interaction.data.custom_id} handled by dressed`, ephemeral: true });
}
