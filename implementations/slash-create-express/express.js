// The conformance bot on slash-create's ExpressServer, given an Express app so that SIGTERM can close it.
process.env.NODE_ENV ??= 'production'; // as Express advises for a deployment: its error pages then carry no stack
const express = require('express');
const { ExpressServer } = require('slash-create');
const { createBot } = require('./bot');

const app = express();
const creator = createBot(new ExpressServer(app, { alreadyListening: true }));
const { serverHost: host, serverPort: port, endpointPath: path } = creator.options;
const server = app.listen(port, host, () => console.log(`slash-create ExpressServer bot on http://${host}:${port}${path}`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
