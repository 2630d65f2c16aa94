import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectAdapter, fetchTransport } from '@crm-lens/core';
import type { Fixture } from '@crm-lens/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BrokerConfig,
  configFromEnv,
  createBroker,
  fileTokenStore,
  memoryTokenStore,
  type StoredTokens,
} from '../broker/broker.mjs';
import { hubspotAdapter } from '../src/index.js';

const ORIGIN = 'https://intranet.example.com';
const CLIENT_SECRET = 'client-secret-0f3a9c';
const CODE = 'auth-code-77';
const FIRST = { access: 'access-token-1-aaaa', refresh: 'refresh-token-zzzz' };
const SECOND = { access: 'access-token-2-bbbb' };
const SECRETS = [CLIENT_SECRET, FIRST.access, FIRST.refresh, SECOND.access, 'pat-private-1'];
const COMPANIES = (
  JSON.parse(readFileSync(new URL('./fixtures/companies.json', import.meta.url), 'utf8')) as Fixture
).exchanges;

interface Seen {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/** A stand-in for api.hubapi.com (and its token endpoint), recording what the broker sends it. */
function fakeHubSpot(validTokens: Set<string>) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://upstream.invalid');
      seen.push({
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        authorization: req.headers.authorization,
        body,
      });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/oauth/v1/token') {
        const form = new URLSearchParams(body);
        if (form.get('client_secret') !== CLIENT_SECRET) return json(401, { status: 'BAD_CLIENT_SECRET' });
        if (form.get('grant_type') === 'authorization_code' && form.get('code') === CODE) {
          return json(200, {
            token_type: 'bearer',
            access_token: FIRST.access,
            refresh_token: FIRST.refresh,
            expires_in: 1800,
          });
        }
        if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === FIRST.refresh) {
          validTokens.add(SECOND.access);
          return json(200, {
            token_type: 'bearer',
            access_token: SECOND.access,
            refresh_token: FIRST.refresh,
            expires_in: 1800,
          });
        }
        return json(400, { status: 'BAD_REFRESH_TOKEN' });
      }
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!validTokens.has(token)) {
        return json(401, {
          status: 'error',
          message: 'Authentication credentials not found.',
          category: 'INVALID_AUTHENTICATION',
        });
      }
      if (url.pathname === '/crm/v3/objects/echo') return json(200, { leaked: req.headers.authorization });
      if (url.pathname === '/crm/v3/objects/limited') {
        return json(
          429,
          {
            status: 'error',
            message: 'You have reached your ten_secondly_rolling limit.',
            errorType: 'RATE_LIMIT',
            policyName: 'TEN_SECONDLY_ROLLING',
          },
          {
            'retry-after': '2',
            'x-hubspot-ratelimit-max': '100',
            'x-hubspot-ratelimit-remaining': '0',
            'set-cookie': 'hs=1',
          },
        );
      }
      const recorded = COMPANIES.find((e) => {
        const a = new URL(e.request.url);
        return a.pathname === `/api${url.pathname}` && a.search === url.search;
      });
      if (recorded && req.method === 'GET') return json(200, recorded.response.body);
      if (url.pathname === '/crm/v3/objects/deals/search' && req.method === 'POST')
        return json(200, { total: 0, results: [] });
      return json(200, { results: [] });
    });
  });
  return { server, seen };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

let upstream: ReturnType<typeof fakeHubSpot>;
let upstreamUrl: string;
let broker: Server | undefined;
let brokerUrl: string;
let replies: Reply[];
let logLines: string[];
let validTokens: Set<string>;

/** A raw HTTP call (so Origin can be set as a browser would), recording every reply. */
function call(
  path: string,
  options: { method?: string; origin?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${brokerUrl}${path}`,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.origin ? { origin: options.origin } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => {
          const reply = { status: res.statusCode ?? 0, headers: res.headers, body };
          replies.push(reply);
          resolve(reply);
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function startBroker(config: Partial<BrokerConfig> = {}) {
  broker = createBroker({
    allowedOrigin: ORIGIN,
    clientId: 'client-id-1',
    clientSecret: CLIENT_SECRET,
    redirectUri: 'https://broker.example.com/oauth/callback',
    apiBase: upstreamUrl,
    tokenUrl: `${upstreamUrl}/oauth/v1/token`,
    log: (line) => logLines.push(line),
    ...config,
  });
  brokerUrl = await listen(broker);
}

/** Run the OAuth code flow as an admin's browser would. */
async function connect() {
  const start = await call('/oauth/start');
  const location = new URL(start.headers.location!);
  const state = location.searchParams.get('state')!;
  return { start, location, callback: await call(`/oauth/callback?code=${CODE}&state=${state}`) };
}

beforeEach(async () => {
  validTokens = new Set([FIRST.access]);
  upstream = fakeHubSpot(validTokens);
  upstreamUrl = await listen(upstream.server);
  replies = [];
  logLines = [];
});

afterEach(async () => {
  if (broker) await close(broker);
  broker = undefined;
  await close(upstream.server);
  // No reply the broker ever sent holds a credential, and neither does its log.
  const sent = JSON.stringify(replies);
  for (const secret of SECRETS) {
    expect(sent).not.toContain(secret);
    expect(logLines.join('\n')).not.toContain(secret);
  }
});

describe('token broker: OAuth code flow', () => {
  it('redirects to HubSpot with the client id, scopes and a state — never the secret — and stores the tokens server-side', async () => {
    await startBroker();
    expect(JSON.parse((await call('/status', { origin: ORIGIN })).body)).toEqual({ connected: false });
    const { start, location, callback } = await connect();
    expect(start.status).toBe(302);
    expect(location.origin + location.pathname).toBe('https://app.hubspot.com/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('client-id-1');
    expect(location.searchParams.get('redirect_uri')).toBe('https://broker.example.com/oauth/callback');
    expect(location.searchParams.get('scope')).toBe(
      'crm.objects.companies.read crm.objects.contacts.read crm.objects.deals.read tickets',
    );
    expect(start.headers.location).not.toContain(CLIENT_SECRET);
    expect(start.headers.location).toContain('scope=crm.objects.companies.read%20crm.objects.contacts.read');
    expect(callback.status).toBe(200);
    // The code was exchanged server-side with the secret in a form body.
    const exchange = upstream.seen.find((s) => s.path === '/oauth/v1/token')!;
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({
      client_id: 'client-id-1',
      client_secret: CLIENT_SECRET,
      grant_type: 'authorization_code',
      redirect_uri: 'https://broker.example.com/oauth/callback',
      code: CODE,
    });
    expect(JSON.parse((await call('/status', { origin: ORIGIN })).body)).toEqual({ connected: true });
  });

  it('refuses an unknown or replayed state, and reconnecting without the admin key', async () => {
    await startBroker();
    expect((await call(`/oauth/callback?code=${CODE}&state=forged`)).status).toBe(400);
    const { location } = await connect();
    const replay = await call(`/oauth/callback?code=${CODE}&state=${location.searchParams.get('state')}`);
    expect(replay.status).toBe(400);
    expect((await call('/oauth/start')).status).toBe(403);
  });

  it('with an admin key, connecting needs it', async () => {
    await startBroker({ adminKey: 'admin-key-123' });
    expect((await call('/oauth/start')).status).toBe(403);
    expect((await call('/oauth/start?key=wrong')).status).toBe(403);
    expect((await call('/oauth/start?key=admin-key-123')).status).toBe(302);
  });

  it('keeps tokens in a file only its user can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-lens-broker-'));
    try {
      const path = join(dir, 'tokens.json');
      await startBroker({ tokenStore: fileTokenStore(path) });
      await connect();
      const stored = JSON.parse(await readFile(path, 'utf8')) as StoredTokens;
      expect(stored.accessToken).toBe(FIRST.access);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('token broker: configuration', () => {
  it('reads the environment: OAuth or a private app token; the origin is required', () => {
    const oauth = configFromEnv({
      BROKER_ALLOWED_ORIGIN: ORIGIN,
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
      HUBSPOT_REDIRECT_URI: 'https://b.example.com/oauth/callback',
      HUBSPOT_SCOPES: 'crm.objects.deals.read, tickets',
      BROKER_ADMIN_KEY: 'k',
    });
    expect(oauth).toMatchObject({
      allowedOrigin: ORIGIN,
      clientId: 'id',
      scopes: ['crm.objects.deals.read', 'tickets'],
      adminKey: 'k',
    });
    expect(configFromEnv({ BROKER_ALLOWED_ORIGIN: ORIGIN, HUBSPOT_PRIVATE_APP_TOKEN: 'pat-1' })).toEqual({
      allowedOrigin: ORIGIN,
      privateAppToken: 'pat-1',
    });
    expect(() => configFromEnv({ HUBSPOT_PRIVATE_APP_TOKEN: 'pat-1' })).toThrow(/BROKER_ALLOWED_ORIGIN/);
    expect(() => configFromEnv({ BROKER_ALLOWED_ORIGIN: ORIGIN, HUBSPOT_CLIENT_ID: 'id' })).toThrow(
      /HUBSPOT_CLIENT_SECRET/,
    );
  });

  it('with a private app token: no OAuth routes, the token is used as it is', async () => {
    validTokens.add('pat-private-1');
    await startBroker({
      clientId: undefined,
      clientSecret: undefined,
      redirectUri: undefined,
      privateAppToken: 'pat-private-1',
    });
    expect((await call('/oauth/start')).status).toBe(404);
    expect(JSON.parse((await call('/status', { origin: ORIGIN })).body)).toEqual({ connected: true });
    expect((await call('/api/crm/v3/objects/companies', { origin: ORIGIN })).status).toBe(200);
    expect(upstream.seen.at(-1)!.authorization).toBe('Bearer pat-private-1');
  });
});

describe('token broker: proxy', () => {
  const connected = () =>
    memoryTokenStore({
      accessToken: FIRST.access,
      refreshToken: FIRST.refresh,
      expiresAt: Date.now() + 3_600_000,
    });

  it('forwards allow-listed reads with the stored token and answers with CORS for the configured origin', async () => {
    await startBroker({ tokenStore: connected() });
    const reply = await call('/api/crm/v3/objects/companies?limit=2&properties=name&hapikey=sneaky', {
      origin: ORIGIN,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(reply.headers.vary).toBe('Origin');
    expect(JSON.parse(reply.body)).toEqual({ results: [] });
    const forwarded = upstream.seen.at(-1)!;
    expect(forwarded).toMatchObject({
      method: 'GET',
      path: '/crm/v3/objects/companies?limit=2&properties=name',
      authorization: `Bearer ${FIRST.access}`,
    });
    const search = await call('/api/crm/v3/objects/deals/search', {
      origin: ORIGIN,
      method: 'POST',
      body: '{"limit":1}',
    });
    expect(search.status).toBe(200);
    expect(upstream.seen.at(-1)!.body).toBe('{"limit":1}');
    for (const path of [
      '/api/crm/v4/objects/deals/9101/associations/companies',
      '/api/crm/v3/objects/deals/9101',
    ]) {
      expect((await call(path, { origin: ORIGIN })).status).toBe(200);
    }
    expect(
      (
        await call('/api/crm/v4/associations/deals/companies/batch/read', {
          origin: ORIGIN,
          method: 'POST',
          body: '{"inputs":[]}',
        })
      ).status,
    ).toBe(200);
  });

  it('enforces the allow-list: writes, deletes, other APIs and path tricks never reach HubSpot', async () => {
    await startBroker({ tokenStore: connected() });
    const before = upstream.seen.length;
    const refused: [string, string, string?][] = [
      ['POST', '/api/crm/v3/objects/deals', '{"properties":{}}'],
      ['PATCH', '/api/crm/v3/objects/deals/9101', '{"properties":{}}'],
      ['DELETE', '/api/crm/v3/objects/deals/9101'],
      ['POST', '/api/crm/v3/objects/deals/batch/archive', '{"inputs":[]}'],
      ['GET', '/api/oauth/v1/access-tokens/abc'],
      ['GET', '/api/crm/v3/objects/../../oauth/v1/access-tokens/abc'],
      ['GET', '/api/crm/v3/objects/deals%2F..%2F..%2Foauth'],
      ['GET', '/api/files/v3/files'],
      ['GET', '/api/crm/v3/objects/deals/9101/associations/companies'],
      ['POST', '/api/crm/v4/associations/deals/companies/batch/create', '{"inputs":[]}'],
    ];
    for (const [method, path, body] of refused) {
      const reply = await call(path, { origin: ORIGIN, method, ...(body !== undefined ? { body } : {}) });
      expect([403, 404], `${method} ${path}`).toContain(reply.status);
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('sets CORS for the configured origin only: other origins are refused, preflights answered', async () => {
    await startBroker({ tokenStore: connected() });
    const foreign = await call('/api/crm/v3/objects/companies', { origin: 'https://evil.example.net' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await call('/api/crm/v3/objects/deals/search', {
      method: 'OPTIONS',
      origin: ORIGIN,
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const foreignPreflight = await call('/api/crm/v3/objects/deals/search', {
      method: 'OPTIONS',
      origin: 'https://evil.example.net',
    });
    expect(foreignPreflight.status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
  });

  it('refreshes on a 401 and retries once with the new token', async () => {
    validTokens.clear(); // HubSpot revoked the first token
    await startBroker({ tokenStore: connected() });
    const reply = await call('/api/crm/v3/objects/companies', { origin: ORIGIN });
    expect(reply.status).toBe(200);
    expect(
      upstream.seen.map((s) => [
        s.path.split('?')[0],
        s.authorization ?? new URLSearchParams(s.body).get('grant_type'),
      ]),
    ).toEqual([
      ['/crm/v3/objects/companies', `Bearer ${FIRST.access}`],
      ['/oauth/v1/token', 'refresh_token'],
      ['/crm/v3/objects/companies', `Bearer ${SECOND.access}`],
    ]);
  });

  it('refreshes before an expired token is used', async () => {
    await startBroker({
      tokenStore: memoryTokenStore({
        accessToken: FIRST.access,
        refreshToken: FIRST.refresh,
        expiresAt: Date.now() - 1,
      }),
    });
    expect((await call('/api/crm/v3/objects/companies', { origin: ORIGIN })).status).toBe(200);
    expect(upstream.seen.map((s) => s.path.split('?')[0])).toEqual([
      '/oauth/v1/token',
      '/crm/v3/objects/companies',
    ]);
    expect(upstream.seen[1]!.authorization).toBe(`Bearer ${SECOND.access}`);
  });

  it('answers 401 not-connected before any connection, and passes rate-limit headers through (not cookies)', async () => {
    await startBroker();
    const reply = await call('/api/crm/v3/objects/companies', { origin: ORIGIN });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ error: 'not-connected' });
    await close(broker!);
    await startBroker({ tokenStore: connected() });
    const limited = await call('/api/crm/v3/objects/limited', { origin: ORIGIN });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(limited.headers['set-cookie']).toBeUndefined();
    expect(limited.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('withholds an upstream response that contains a credential', async () => {
    await startBroker({ tokenStore: connected() });
    const reply = await call('/api/crm/v3/objects/echo', { origin: ORIGIN });
    expect(reply.status).toBe(502);
  });

  it('logs rule names and statuses only', async () => {
    await startBroker({ tokenStore: connected() });
    await call('/api/crm/v3/objects/companies?properties=name&after=cursor-123', { origin: ORIGIN });
    await call('/api/crm/v3/objects/deals/search', {
      origin: ORIGIN,
      method: 'POST',
      body: '{"query":"ada@example.com"}',
    });
    expect(logLines).toEqual([
      expect.stringMatching(/^GET objects\.list → 200 \(\d+ ms\)$/),
      expect.stringMatching(/^POST objects\.search → 200/),
    ]);
  });

  it('lets an authorize hook decide who may read', async () => {
    await startBroker({
      tokenStore: connected(),
      authorize: (req) => req.headers['x-sso-user'] !== undefined,
    });
    expect((await call('/api/crm/v3/objects/companies', { origin: ORIGIN })).status).toBe(403);
    expect(
      (await call('/api/crm/v3/objects/companies', { origin: ORIGIN, headers: { 'x-sso-user': 'u1' } }))
        .status,
    ).toBe(200);
  });

  it('serves the adapter end to end (fetch → broker → HubSpot stand-in)', async () => {
    await startBroker({ tokenStore: connected() });
    const adapter = hubspotAdapter({
      baseUrl: `${brokerUrl}/api`,
      transport: fetchTransport(),
      pageSize: 2,
      customers: ['companies'],
      deals: false,
      interactions: [],
    });
    const collected = await collectAdapter(adapter);
    expect(collected.input.customers!.map((c) => c.id)).toEqual([
      'company:5001',
      'company:5002',
      'company:5003',
    ]);
    expect(upstream.seen.map((s) => s.path)).toEqual(
      COMPANIES.map((e) => {
        const u = new URL(e.request.url);
        return `${u.pathname.slice('/api'.length)}${u.search}`;
      }),
    );
  });
});
