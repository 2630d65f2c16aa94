// @ts-check
/**
 * The crm-lens HubSpot token broker: a reference implementation to deploy (or copy) on the partner's side.
 *
 * HubSpot's API sends no CORS headers and its OAuth code exchange needs the app's client secret, so a browser
 * page cannot call it directly. This small Node server (node:http only, no dependencies) does the OAuth code
 * flow with the secret from its environment, keeps the tokens server-side (in memory or in a file), and proxies
 * an allow-list of read-only CRM endpoints for one configured page origin. Tokens never reach the browser.
 *
 * Run it with `node broker/server.mjs` (configuration from the environment; see docs/adapters/hubspot.md), or
 * embed it: `createBroker(config).listen(8787, '127.0.0.1')`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname } from 'node:path';

/** @typedef {import('./broker.d.mts').BrokerConfig} BrokerConfig */
/** @typedef {import('./broker.d.mts').StoredTokens} StoredTokens */
/** @typedef {import('./broker.d.mts').TokenStore} TokenStore */
/** @typedef {import('./broker.d.mts').AllowRule} AllowRule */

const SEGMENT = '[A-Za-z0-9_-]+';
const ID = '[0-9]+';

/**
 * The read-only endpoints the broker forwards. Anything else — writes, deletes, other APIs, the OAuth token
 * endpoints — is refused with 403 before HubSpot is contacted.
 * @type {readonly AllowRule[]}
 */
export const DEFAULT_ALLOW_LIST = Object.freeze([
  { name: 'objects.list', method: 'GET', path: new RegExp(`^/crm/v3/objects/${SEGMENT}$`) },
  { name: 'objects.read', method: 'GET', path: new RegExp(`^/crm/v3/objects/${SEGMENT}/${ID}$`) },
  { name: 'objects.search', method: 'POST', path: new RegExp(`^/crm/v3/objects/${SEGMENT}/search$`) },
  {
    name: 'associations.list',
    method: 'GET',
    path: new RegExp(`^/crm/v4/objects/${SEGMENT}/${ID}/associations/${SEGMENT}$`),
  },
  {
    name: 'associations.batch-read',
    method: 'POST',
    path: new RegExp(`^/crm/v4/associations/${SEGMENT}/${SEGMENT}/batch/read$`),
  },
]);

/** Default OAuth scopes: read companies, contacts (and their activities), deals, tickets. */
export const DEFAULT_SCOPES = Object.freeze([
  'crm.objects.companies.read',
  'crm.objects.contacts.read',
  'crm.objects.deals.read',
  'tickets',
]);

/** Query parameters never forwarded (credentials must not travel in URLs). */
const DROPPED_PARAMS = ['hapikey', 'access_token'];
/** Upstream response headers passed to the browser. */
const PASSED_HEADERS = ['content-type', 'retry-after', 'x-hubspot-correlation-id'];
const STATE_TTL_MS = 10 * 60_000;
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Tokens kept in this process only (lost on restart: connect again).
 * @param {StoredTokens} [initial]
 * @returns {TokenStore}
 */
export function memoryTokenStore(initial) {
  let tokens = initial;
  return {
    async get() {
      return tokens;
    },
    async set(next) {
      tokens = next;
    },
  };
}

/**
 * Tokens kept in a JSON file readable by the broker's user only (mode 0600), written atomically.
 * @param {string} path
 * @returns {TokenStore}
 */
export function fileTokenStore(path) {
  return {
    async get() {
      try {
        return JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async set(tokens) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(tokens ?? null), { mode: 0o600 });
      await rename(temporary, path);
    },
  };
}

/**
 * The broker's configuration from environment variables (see docs/adapters/hubspot.md for the list).
 * @param {Record<string, string | undefined>} env
 * @returns {BrokerConfig}
 */
export function configFromEnv(env = process.env) {
  const need = (/** @type {string} */ name) => {
    const value = env[name];
    if (!value) throw new Error(`the broker needs ${name} in its environment`);
    return value;
  };
  const privateToken = env.HUBSPOT_PRIVATE_APP_TOKEN;
  return {
    allowedOrigin: need('BROKER_ALLOWED_ORIGIN'),
    ...(privateToken
      ? { privateAppToken: privateToken }
      : {
          clientId: need('HUBSPOT_CLIENT_ID'),
          clientSecret: need('HUBSPOT_CLIENT_SECRET'),
          redirectUri: need('HUBSPOT_REDIRECT_URI'),
        }),
    ...(env.HUBSPOT_SCOPES ? { scopes: env.HUBSPOT_SCOPES.split(/[\s,]+/).filter(Boolean) } : {}),
    ...(env.BROKER_TOKEN_FILE ? { tokenStore: fileTokenStore(env.BROKER_TOKEN_FILE) } : {}),
    ...(env.BROKER_ADMIN_KEY ? { adminKey: env.BROKER_ADMIN_KEY } : {}),
    ...(env.BROKER_ALLOW_CREDENTIALS === '1' ? { allowCredentials: true } : {}),
    ...(env.HUBSPOT_API_BASE ? { apiBase: env.HUBSPOT_API_BASE } : {}),
    ...(env.HUBSPOT_TOKEN_URL ? { tokenUrl: env.HUBSPOT_TOKEN_URL } : {}),
    ...(env.HUBSPOT_AUTHORIZE_URL ? { authorizeUrl: env.HUBSPOT_AUTHORIZE_URL } : {}),
  };
}

/** Constant-time comparison of two secrets. */
function sameSecret(/** @type {string} */ a, /** @type {string} */ b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Create the broker: an `http.Server` (not yet listening).
 *
 * Routes: `GET /oauth/start` (redirects an admin to HubSpot's consent page), `GET /oauth/callback` (exchanges
 * the code with the client secret, stores the tokens), `GET /status` (`{ connected }`), and `/api/<path>` (the
 * allow-listed CRM endpoints, forwarded with the stored token).
 * @param {BrokerConfig} config
 */
export function createBroker(config) {
  const apiBase = (config.apiBase ?? 'https://api.hubapi.com').replace(/\/+$/, '');
  const tokenUrl = config.tokenUrl ?? 'https://api.hubapi.com/oauth/v1/token';
  const authorizeUrl = config.authorizeUrl ?? 'https://app.hubspot.com/oauth/authorize';
  const allow = config.allowList ?? DEFAULT_ALLOW_LIST;
  const store = config.privateAppToken
    ? memoryTokenStore({ accessToken: config.privateAppToken })
    : (config.tokenStore ?? memoryTokenStore());
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  const log = config.log ?? (() => undefined);
  const maxBody = config.maxBodyBytes ?? 1 << 20;
  const prefix = config.prefix ?? '/api';
  /** @type {Map<string, number>} OAuth `state` values awaiting their callback → expiry. */
  const states = new Map();
  /** @type {Promise<StoredTokens | undefined> | undefined} One refresh at a time. */
  let refreshing;

  if (!config.privateAppToken && !(config.clientId && config.clientSecret && config.redirectUri)) {
    throw new Error('the broker needs clientId, clientSecret and redirectUri (OAuth), or privateAppToken');
  }

  /** Every secret the broker holds: none of them may appear in anything it sends back. */
  const secrets = async () => {
    const tokens = await store.get();
    return [tokens?.accessToken, tokens?.refreshToken, config.clientSecret, config.privateAppToken].filter(
      /** @returns {s is string} */ (s) => typeof s === 'string' && s.length > 0,
    );
  };

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  const sendJson = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  /** CORS headers for an allowed origin (none otherwise). @param {string | undefined} origin */
  const cors = (origin) => {
    /** @type {Record<string, string>} */
    const headers = { vary: 'Origin' };
    if (origin === config.allowedOrigin) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = 'retry-after, x-hubspot-correlation-id';
      if (config.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    }
    return headers;
  };

  /** POST the token endpoint with a form; the client secret goes in the body, never in a URL. */
  const tokenRequest = async (/** @type {Record<string, string>} */ form) => {
    const response = await doFetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        client_id: /** @type {string} */ (config.clientId),
        client_secret: /** @type {string} */ (config.clientSecret),
        ...form,
      }).toString(),
    });
    if (!response.ok) return { ok: false, status: response.status };
    const body = /** @type {{access_token?: string, refresh_token?: string, expires_in?: number}} */ (
      await response.json()
    );
    if (typeof body.access_token !== 'string') return { ok: false, status: 502 };
    /** @type {StoredTokens} */
    const tokens = {
      accessToken: body.access_token,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      ...(typeof body.expires_in === 'number' ? { expiresAt: now() + body.expires_in * 1000 } : {}),
    };
    return { ok: true, tokens };
  };

  /** Refresh the access token (one refresh in flight at a time). Revoked refresh tokens disconnect. */
  const refresh = () => {
    refreshing ??= (async () => {
      try {
        const current = await store.get();
        if (!current?.refreshToken || config.privateAppToken) return current;
        const result = await tokenRequest({
          grant_type: 'refresh_token',
          refresh_token: current.refreshToken,
        });
        if (result.ok && result.tokens) {
          const next = { refreshToken: current.refreshToken, ...result.tokens };
          await store.set(next);
          log(`token refreshed`);
          return next;
        }
        log(`token refresh failed (${result.status})`);
        if (result.status === 400 || result.status === 401) await store.set(undefined);
        return undefined;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  /** A usable access token, refreshed shortly before it expires. */
  const accessToken = async () => {
    let tokens = await store.get();
    if (tokens?.expiresAt !== undefined && tokens.expiresAt - REFRESH_MARGIN_MS <= now())
      tokens = await refresh();
    return tokens?.accessToken;
  };

  /** @param {import('node:http').IncomingMessage} req */
  const readBody = (req) =>
    new Promise((resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      req.on('data', (/** @type {Buffer} */ chunk) => {
        size += chunk.length;
        if (size > maxBody) {
          // Stop keeping it, drain the rest, and answer 413.
          req.removeAllListeners('data');
          req.resume();
          reject(Object.assign(new Error('body too large'), { status: 413 }));
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  const oauthStart = async (res, url) => {
    if (config.privateAppToken) return sendJson(res, 404, { error: 'not-found' });
    const connected = (await store.get()) !== undefined;
    const key = url.searchParams.get('key') ?? '';
    if (config.adminKey ? !sameSecret(key, config.adminKey) : connected) {
      return sendJson(res, 403, {
        error: 'forbidden',
        message: config.adminKey
          ? 'connecting needs ?key=<BROKER_ADMIN_KEY>'
          : 'already connected; set BROKER_ADMIN_KEY to allow reconnecting',
      });
    }
    const state = randomBytes(24).toString('base64url');
    for (const [s, expiry] of states) if (expiry < now()) states.delete(s);
    states.set(state, now() + STATE_TTL_MS);
    // Encoded as in HubSpot's guide (encodeURIComponent: scopes separated by %20, not "+").
    const query = Object.entries({
      client_id: /** @type {string} */ (config.clientId),
      redirect_uri: /** @type {string} */ (config.redirectUri),
      scope: (config.scopes ?? DEFAULT_SCOPES).join(' '),
      state,
    })
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    res.writeHead(302, { location: `${authorizeUrl}?${query}`, 'cache-control': 'no-store' });
    res.end();
    log(`oauth start`);
  };

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  const oauthCallback = async (res, url) => {
    if (config.privateAppToken) return sendJson(res, 404, { error: 'not-found' });
    const state = url.searchParams.get('state') ?? '';
    const expiry = states.get(state);
    states.delete(state);
    if (expiry === undefined || expiry < now()) {
      return sendJson(res, 400, {
        error: 'state',
        message: 'unknown or expired OAuth state; start again at /oauth/start',
      });
    }
    const code = url.searchParams.get('code');
    if (!code)
      return sendJson(res, 400, {
        error: 'oauth',
        message: 'HubSpot did not return a code (was consent refused?)',
      });
    const result = await tokenRequest({
      grant_type: 'authorization_code',
      redirect_uri: /** @type {string} */ (config.redirectUri),
      code,
    });
    if (!result.ok || !result.tokens) {
      log(`oauth code exchange failed (${result.status})`);
      return sendJson(res, 502, {
        error: 'token-exchange',
        message: `HubSpot's token endpoint answered ${result.status}`,
      });
    }
    await store.set(result.tokens);
    log(`oauth connected`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><title>crm-lens</title><p>HubSpot is connected. You can close this window.</p>');
  };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @param {Record<string, string>} corsHeaders
   */
  const proxy = async (req, res, url, corsHeaders) => {
    const path = url.pathname.slice(prefix.length);
    const method = req.method ?? 'GET';
    const rule = allow.find((r) => r.method === method && r.path.test(path));
    if (!rule) {
      log(`refused ${method} (not on the allow-list)`);
      return sendJson(
        res,
        403,
        { error: 'not-allowed', message: 'this endpoint is not on the broker allow-list' },
        corsHeaders,
      );
    }
    /** @type {string | undefined} */
    let body;
    if (method === 'POST') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendJson(
          res,
          415,
          { error: 'content-type', message: 'POST bodies must be application/json' },
          corsHeaders,
        );
      }
      body = /** @type {string} */ (await readBody(req));
      try {
        JSON.parse(body);
      } catch {
        return sendJson(res, 400, { error: 'body', message: 'the body is not JSON' }, corsHeaders);
      }
    }
    const query = new URLSearchParams(url.search);
    for (const name of DROPPED_PARAMS) query.delete(name);
    const target = `${apiBase}${path}${query.size > 0 ? `?${query}` : ''}`;

    const send = (/** @type {string} */ token) =>
      doFetch(target, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      });

    let token = await accessToken();
    if (!token) {
      return sendJson(
        res,
        401,
        {
          error: 'not-connected',
          message: 'the broker is not connected to HubSpot; an admin opens /oauth/start',
        },
        corsHeaders,
      );
    }
    const started = now();
    let upstream = await send(token);
    if (upstream.status === 401 && !config.privateAppToken) {
      // HubSpot advises refreshing by expiry (done above); a 401 means the token was revoked or rotated: one
      // refresh and one retry, then the 401 goes to the page.
      await upstream.arrayBuffer();
      const refreshed = await refresh();
      if (refreshed?.accessToken && refreshed.accessToken !== token) {
        token = refreshed.accessToken;
        upstream = await send(token);
      }
    }
    const text = await upstream.text();
    if ((await secrets()).some((secret) => text.includes(secret))) {
      log(`${method} ${rule.name} → withheld (the response contained a credential)`);
      return sendJson(
        res,
        502,
        { error: 'withheld', message: 'the upstream response was withheld' },
        corsHeaders,
      );
    }
    /** @type {Record<string, string>} */
    const headers = { ...corsHeaders, 'cache-control': 'no-store' };
    upstream.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (PASSED_HEADERS.includes(lower) || lower.startsWith('x-hubspot-ratelimit-')) headers[lower] = value;
    });
    res.writeHead(upstream.status, headers);
    res.end(text);
    log(`${method} ${rule.name} → ${upstream.status} (${now() - started} ms)`);
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://broker.invalid');
    const origin = req.headers.origin;
    const corsHeaders = cors(origin);
    const handle = async () => {
      if (url.pathname === '/oauth/start' && req.method === 'GET') return oauthStart(res, url);
      if (url.pathname === '/oauth/callback' && req.method === 'GET') return oauthCallback(res, url);
      const api = url.pathname.startsWith(`${prefix}/`);
      if (!api && url.pathname !== '/status') return sendJson(res, 404, { error: 'not-found' });
      // Browsers send Origin on cross-origin requests: only the configured page origin may use the broker.
      if (origin !== undefined && origin !== config.allowedOrigin) {
        log(`refused a request from another origin`);
        return sendJson(
          res,
          403,
          { error: 'origin', message: 'this origin may not use the broker' },
          { vary: 'Origin' },
        );
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type, accept',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      if (config.authorize && !(await config.authorize(req))) {
        return sendJson(res, 403, { error: 'forbidden' }, corsHeaders);
      }
      if (url.pathname === '/status') {
        return sendJson(
          res,
          200,
          { connected: (await store.get()) !== undefined },
          { ...corsHeaders, 'cache-control': 'no-store' },
        );
      }
      return proxy(req, res, url, corsHeaders);
    };
    handle().catch((/** @type {unknown} */ error) => {
      const status = /** @type {{status?: number}} */ (error)?.status ?? 502;
      log(`error ${status}`);
      if (!res.headersSent)
        sendJson(
          res,
          status,
          {
            error: 'broker',
            message: status === 413 ? 'body too large' : 'the broker could not complete the request',
          },
          corsHeaders,
        );
      else res.end();
    });
  });
}
