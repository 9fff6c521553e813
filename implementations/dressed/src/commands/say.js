export const config = { description: 'Says the text, for everyone or only for you.' };

export { reply as default } from '../corpus.js';
