#!/usr/bin/env node
// @ts-check
/**
 * Start the crm-lens HubSpot token broker from environment variables:
 *
 *   BROKER_ALLOWED_ORIGIN=https://intranet.example.com \
 *   HUBSPOT_CLIENT_ID=… HUBSPOT_CLIENT_SECRET=… HUBSPOT_REDIRECT_URI=https://broker.example.com/oauth/callback \
 *   BROKER_TOKEN_FILE=/var/lib/crm-lens/hubspot-tokens.json BROKER_ADMIN_KEY=… \
 *   node broker/server.mjs
 *
 * Listens on BROKER_HOST:BROKER_PORT (default 127.0.0.1:8787): put it behind your HTTPS reverse proxy.
 */
import { configFromEnv, createBroker } from './broker.mjs';

const host = process.env.BROKER_HOST ?? '127.0.0.1';
const port = Number(process.env.BROKER_PORT ?? 8787);
const server = createBroker({
  ...configFromEnv(process.env),
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});
server.listen(port, host, () => {
  console.log(`crm-lens HubSpot broker on http://${host}:${port} (connect: /oauth/start, API: /api/crm/…)`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
