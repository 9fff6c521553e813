export const config = { type: 'User' };

export { reply as default } from '../corpus.js';
