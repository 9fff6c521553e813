export const config = { type: 'Message' };

export { reply as default } from '../corpus.js';
