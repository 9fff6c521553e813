// Starts the bot that `dressed build --instance` wrote to .dressed/index.mjs (it calls dressed's createServer), after
// two things outside the library:
//
// - A stand-in for Discord's REST API on 127.0.0.1: every reply of a dressed bot is a REST call to the interaction
//   callback endpoint, which Discord answers with 204 No Content; the stand-in answers every request so, and
//   dressed.config.mjs points dressed's `requests.routeBase` at it. Offline, a refused connection would instead leave
//   dressed's rate-limit bucket for that URL locked (dist/utils/ratelimit.js resolves it only with a response), and
//   every later reply to the same interaction would wait forever.
// - As in the discord-interactions driver, a logger of unhandled rejections: dressed's request listener awaits
//   verifySignature outside any try (dist/server/server.js, handleRequest), and verifySignature reads `.length` of a
//   missing signature header, so a request without X-Signature-Ed25519 or X-Signature-Timestamp rejects a promise
//   nobody handles, and Node 20 exits on it. Logging it keeps the process serving, so that the run goes on; that
//   request still gets no reply, which is what the suite reports.
import { createServer } from 'node:http';

process.on('unhandledRejection', (error) => console.error('unhandled rejection:', error));

// A runner that serves the Discord API double of bot profile v2 names its base URL in CONFORMANCE_DISCORD_API_URL.
if (!process.env.CONFORMANCE_DISCORD_API_URL) {
  const discordApi = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise((listening) => discordApi.listen(0, '127.0.0.1', listening));
  process.env.CONFORMANCE_DISCORD_API_URL = `http://127.0.0.1:${discordApi.address().port}/api/v10`;
}

await import('./.dressed/index.mjs');
