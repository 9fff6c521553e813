export const config = { description: 'Starts a poll.' };

export { reply as default } from '../corpus.js';
