export const config = { description: 'Works out a tip.' };

export { reply as default, autocomplete } from '../corpus.js';
