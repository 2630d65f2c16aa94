import type { IncomingMessage, Server } from 'node:http';

/** Tokens as the broker stores them (server-side only). */
export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds. */
  readonly expiresAt?: number;
}

/** Where the broker keeps tokens: `memoryTokenStore()`, `fileTokenStore(path)`, or your own (a secrets vault). */
export interface TokenStore {
  get(): Promise<StoredTokens | undefined>;
  set(tokens: StoredTokens | undefined): Promise<void>;
}

/** One allowed endpoint: a method and a pattern over the HubSpot API path (after the `/api` prefix). */
export interface AllowRule {
  /** Named in the broker's log lines instead of the path. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
}

export interface BrokerConfig {
  /** The page origin allowed to call the broker (CORS), e.g. `https://intranet.example.com`. */
  readonly allowedOrigin: string;
  /** OAuth app (public / project app): client id, client secret, and the broker's `/oauth/callback` URL. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly redirectUri?: string;
  /** Instead of OAuth: a private app's access token (single-portal installs). */
  readonly privateAppToken?: string;
  /** OAuth scopes (default: companies, contacts, deals read; tickets). */
  readonly scopes?: readonly string[];
  /** Default: in memory (connect again after a restart). */
  readonly tokenStore?: TokenStore;
  /** When set, `/oauth/start?key=…` needs it; when not, connecting is possible only while disconnected. */
  readonly adminKey?: string;
  /** Send `Access-Control-Allow-Credentials: true` (the page sends cookies to the broker, e.g. for SSO). */
  readonly allowCredentials?: boolean;
  /**
   * Decide per request whether the caller may read (a session cookie, an SSO header, a network check). CORS
   * only stops other web pages; without this hook anyone who can reach the broker can read through it.
   */
  readonly authorize?: (request: IncomingMessage) => boolean | Promise<boolean>;
  /** Endpoints forwarded (default `DEFAULT_ALLOW_LIST`: read-only CRM v3 objects, search, v4 associations). */
  readonly allowList?: readonly AllowRule[];
  /** Path prefix of the proxied API (default `/api`). */
  readonly prefix?: string;
  /** Default `https://api.hubapi.com`. */
  readonly apiBase?: string;
  /** Default `https://api.hubapi.com/oauth/v1/token`. */
  readonly tokenUrl?: string;
  /** Default `https://app.hubspot.com/oauth/authorize`. */
  readonly authorizeUrl?: string;
  /** One line per request: method, rule name, status, duration — never paths' ids, queries, bodies or tokens. */
  readonly log?: (line: string) => void;
  /** Largest POST body accepted (default 1 MiB). */
  readonly maxBodyBytes?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export declare const DEFAULT_ALLOW_LIST: readonly AllowRule[];
export declare const DEFAULT_SCOPES: readonly string[];
export declare function memoryTokenStore(initial?: StoredTokens): TokenStore;
export declare function fileTokenStore(path: string): TokenStore;
export declare function configFromEnv(env?: Record<string, string | undefined>): BrokerConfig;
/** The broker as an `http.Server`, not yet listening. */
export declare function createBroker(config: BrokerConfig): Server;
