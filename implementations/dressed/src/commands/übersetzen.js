export const config = { description: 'Übersetzt einen Text.', integration_type: 'User' };

export { reply as default } from '../corpus.js';
