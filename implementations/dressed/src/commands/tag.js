export const config = { description: "The server's saved tags." };

export { reply as default, autocomplete } from '../corpus.js';
