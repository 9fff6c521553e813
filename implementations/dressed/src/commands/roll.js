export const config = { description: 'Rolls dice.' };

export { reply as default, autocomplete } from '../corpus.js';
