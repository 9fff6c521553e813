// dressed's configuration (ServerConfig), read by `dressed build` and bundled into .dressed/index.mjs, where the
// environment is read again when the server starts.
const running = process.env.CONFORMANCE_PUBLIC_KEY !== undefined;

export default {
  endpoint: '/interactions',
  port: Number(process.env.CONFORMANCE_PORT ?? 8000),
  requests: {
    // Every reply of a dressed bot is a REST call (the interaction callback endpoint): start.js serves a stand-in
    // for Discord's API on 127.0.0.1 and names it here; without it, a closed port of 127.0.0.1, never Discord.
    routeBase: process.env.CONFORMANCE_DISCORD_API_URL ?? 'http://127.0.0.1:9/api/v10',
    tries: 1,
    // The bot's variables, set only when the server runs: `dressed build` would otherwise look up the missing ones
    // through the API (build.js, fetchMissingVars), which it skips without a token.
    env: running
      ? {
          DISCORD_PUBLIC_KEY: process.env.CONFORMANCE_PUBLIC_KEY,
          // dressed sends edits and follow-ups to /webhooks/{DISCORD_APP_ID}/{token}: the application the suite's
          // Discord API double issues every interaction under (it answers 10015 Unknown Webhook for another).
          DISCORD_APP_ID: '1250000000000000001',
          DISCORD_TOKEN: 'conformance-suite-token',
        }
      : {},
  },
};
