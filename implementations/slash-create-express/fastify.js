// The conformance bot on slash-create's FastifyServer.
const { FastifyServer } = require('slash-create');
const { createBot } = require('./bot');

const server = new FastifyServer();
const creator = createBot(server);
creator.startServer().then(() => {
  const { serverHost: host, serverPort: port, endpointPath: path } = creator.options;
  console.log(`slash-create FastifyServer bot on http://${host}:${port}${path}`);
});
process.on('SIGTERM', () => {
  server.app.close().then(() => process.exit(0));
  server.app.server.closeAllConnections();
});
