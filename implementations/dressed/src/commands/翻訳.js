export const config = { description: 'テキストを翻訳します。', integration_type: 'User' };

export { reply as default } from '../corpus.js';
