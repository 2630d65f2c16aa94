import { fetchTransport, type Transport } from '@crm-lens/core';
import type { OAuthErrorResponse, SalesforceTokenResponse } from './salesforce-types.js';
import { enumCode } from './util.js';

/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) for a **public client**: a page outside Salesforce signs
 * the user in with the org's login page and gets an access token for the REST API, with no client secret anywhere.
 *
 * 1. `beginPkceLogin(options)` makes a code verifier (32 random bytes, base64url), its S256 challenge and a `state`,
 *    and returns the authorize URL and the `pending` values. Keep `pending` for step 3: in memory when the login
 *    runs in a pop-up, in `sessionStorage` when the page itself is redirected (they are single-use and worthless
 *    without the code).
 * 2. Send the user to the URL (`/services/oauth2/authorize?response_type=code&code_challenge=…`).
 * 3. On the redirect back, `completePkceLogin({ …options, callbackUrl: location.href, pending })` checks `state`,
 *    exchanges the code and the verifier at `/services/oauth2/token`, and returns a `SalesforceSession`: the access
 *    token held in memory only (never stored, never in a URL, left out of `JSON.stringify`). A refresh token, if
 *    the connected app issues one, is dropped: sign in again when the session expires.
 */

export interface PkceLoginOptions {
  /** `https://login.salesforce.com`, `https://test.salesforce.com`, or the org's My Domain login URL. */
  readonly loginUrl: string;
  /** The connected app's (or external client app's) consumer key. */
  readonly clientId: string;
  /** The callback URL registered with the app (this page's URL, or a pop-up's). */
  readonly redirectUri: string;
  /** OAuth scopes (default `api`). */
  readonly scope?: string;
  /** `login`, `consent`, … (optional). */
  readonly prompt?: string;
}

/** What `completePkceLogin` needs from `beginPkceLogin`. */
export interface PendingLogin {
  readonly state: string;
  readonly codeVerifier: string;
}

/** Why a sign-in failed. Messages carry codes only, never a token, a code or a response body. */
export type SalesforceAuthErrorCode =
  /** The callback's `state` is not the one sent: a forged or stale redirect. */
  | 'state-mismatch'
  /** The login page answered with an `error` (e.g. `access_denied`). */
  | 'denied'
  /** The callback carries no `code`. */
  | 'no-code'
  /** The token endpoint refused the code (`invalid_grant`, …) or answered without a token. */
  | 'token-exchange'
  /** A URL that is not https, or no WebCrypto in this environment. */
  | 'insecure';

export class SalesforceAuthError extends Error {
  override name = 'SalesforceAuthError';
  constructor(
    readonly code: SalesforceAuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function cryptoOf(crypto: Crypto | undefined): Crypto {
  const c = crypto ?? globalThis.crypto;
  if (!c?.subtle || typeof c.getRandomValues !== 'function') {
    throw new SalesforceAuthError('insecure', 'WebCrypto is not available (PKCE needs a secure context)');
  }
  return c;
}

/** base64url without padding (RFC 4648 §5), as PKCE wants. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code verifier: 32 random bytes, base64url (43 characters of `[A-Za-z0-9_-]`). */
export function createCodeVerifier(crypto?: Crypto): string {
  return base64url(cryptoOf(crypto).getRandomValues(new Uint8Array(32)));
}

/** A `state` value: 16 random bytes, base64url. */
export function createState(crypto?: Crypto): string {
  return base64url(cryptoOf(crypto).getRandomValues(new Uint8Array(16)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string, crypto?: Crypto): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new SalesforceAuthError('insecure', 'a PKCE code verifier is 43 to 128 unreserved characters');
  }
  const digest = await cryptoOf(crypto).subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function https(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SalesforceAuthError('insecure', `the ${what} is not a URL`);
  }
  if (parsed.protocol !== 'https:') throw new SalesforceAuthError('insecure', `the ${what} must be https`);
  return parsed;
}

/** The authorize URL and the values to keep for the callback. */
export async function beginPkceLogin(
  options: PkceLoginOptions & { readonly crypto?: Crypto },
): Promise<{ url: string; pending: PendingLogin }> {
  const login = https(options.loginUrl, 'login URL');
  const codeVerifier = createCodeVerifier(options.crypto);
  const state = createState(options.crypto);
  const url = new URL('/services/oauth2/authorize', login.origin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('code_challenge', await codeChallenge(codeVerifier, options.crypto));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('scope', options.scope ?? 'api');
  if (options.prompt) url.searchParams.set('prompt', options.prompt);
  return { url: url.href, pending: { state, codeVerifier } };
}

/**
 * The signed-in session: the org's URL and the access token, in memory only. `token()` is a `TokenProvider` for the
 * adapter; `clear()` forgets the token; `JSON.stringify(session)` leaves the token out.
 */
export class SalesforceSession {
  readonly #token: { value: string | undefined };
  /** The org's URL (`instance_url`): where the REST API is called. */
  readonly instanceUrl: string;
  /** The user's identity URL (`id`). */
  readonly identityUrl: string;
  /** When the token was issued (ms since the epoch). */
  readonly issuedAt: number;
  readonly scope: string | undefined;

  constructor(response: SalesforceTokenResponse) {
    this.#token = { value: response.access_token };
    this.instanceUrl = https(response.instance_url, 'instance URL').origin;
    this.identityUrl = response.id;
    this.issuedAt = Number(response.issued_at);
    this.scope = response.scope;
  }

  /** The access token (throws once cleared). Pass `() => session.token()` as the adapter's `token`. */
  token(): string {
    const value = this.#token.value;
    if (value === undefined)
      throw new SalesforceAuthError('token-exchange', 'the session was cleared: sign in again');
    return value;
  }

  /** Forget the access token (sign-out, or a 401 from the API). */
  clear(): void {
    this.#token.value = undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      instanceUrl: this.instanceUrl,
      identityUrl: this.identityUrl,
      issuedAt: this.issuedAt,
      scope: this.scope,
    };
  }
}

/**
 * Finish the sign-in on the redirect back: check `state`, then exchange the code with the verifier
 * (`POST /services/oauth2/token`, form-encoded, no client secret).
 *
 * @throws SalesforceAuthError `state-mismatch` before any request when `state` differs; `denied`, `no-code`,
 *   `token-exchange` (naming the OAuth `error` code only).
 */
export async function completePkceLogin(
  options: PkceLoginOptions & {
    readonly callbackUrl: string;
    readonly pending: PendingLogin;
    /** Default `fetchTransport()` (the token endpoint must allow this page's origin: CORS for OAuth endpoints). */
    readonly transport?: Transport;
    readonly signal?: AbortSignal;
  },
): Promise<SalesforceSession> {
  const login = https(options.loginUrl, 'login URL');
  const callback = new URL(options.callbackUrl);
  // The parameters come in the query string (response_type=code); some hosts move them to the fragment.
  const params = callback.searchParams.has('state')
    ? callback.searchParams
    : new URLSearchParams(callback.hash.replace(/^#/, ''));
  const state = params.get('state');
  if (!state || !options.pending.state || state !== options.pending.state) {
    throw new SalesforceAuthError(
      'state-mismatch',
      'the sign-in answer does not belong to this sign-in (state mismatch): start again',
    );
  }
  const error = params.get('error');
  if (error) {
    throw new SalesforceAuthError('denied', `Salesforce refused the sign-in (${enumCode(error) ?? 'error'})`);
  }
  const code = params.get('code');
  if (!code) throw new SalesforceAuthError('no-code', 'the sign-in answer carries no authorization code');

  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    code_verifier: options.pending.codeVerifier,
  });
  const transport = options.transport ?? fetchTransport();
  const response = await transport({
    method: 'POST',
    url: new URL('/services/oauth2/token', login.origin).href,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let json = response.body;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      json = undefined;
    }
  }
  if (response.status < 200 || response.status > 299) {
    const oauthError = enumCode((json as Partial<OAuthErrorResponse> | undefined)?.error);
    throw new SalesforceAuthError(
      'token-exchange',
      `the token endpoint answered ${response.status}${oauthError ? ` (${oauthError})` : ''}`,
    );
  }
  const token = json as Partial<SalesforceTokenResponse> | undefined;
  if (typeof token?.access_token !== 'string' || typeof token.instance_url !== 'string') {
    throw new SalesforceAuthError('token-exchange', 'the token endpoint answered without an access token');
  }
  return new SalesforceSession(token as SalesforceTokenResponse);
}
