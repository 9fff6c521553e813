export const config = { description: 'Tells the weather in a city.' };

export { reply as default, autocomplete } from '../corpus.js';
