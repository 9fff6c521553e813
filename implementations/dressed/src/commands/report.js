export const config = { description: 'Reports a user to the moderators.' };

export { reply as default } from '../corpus.js';
