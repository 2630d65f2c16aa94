import type { Transport, TransportRequest } from '@crm-lens/core';
import { describe, expect, it } from 'vitest';
import {
  base64url,
  beginPkceLogin,
  codeChallenge,
  collectSalesforce,
  completePkceLogin,
  createCodeVerifier,
  SalesforceAuthError,
} from '../src/index.js';

const LOGIN = {
  loginUrl: 'https://login.salesforce.com',
  clientId: '3MVG9fakeConsumerKeyForTests',
  redirectUri: 'https://intranet.example.com/crm-lens/callback',
};

/** The token endpoint's answer (OAuth 2.0 Web Server Flow, "Salesforce Grants a New Access Token"). */
const TOKEN_RESPONSE = {
  access_token: '00DDn00000ABCDE!AQ0AQSecretAccessToken',
  signature: 'CMJ4l+CCaPQiKjoOEwEig9H4wqhpuLSk4J2urAe+fVg=',
  scope: 'api',
  instance_url: 'https://acme.my.salesforce.com',
  id: 'https://login.salesforce.com/id/00DDn00000ABCDEMA4/005Dn00000FGHIJIA2',
  token_type: 'Bearer',
  issued_at: '1735689600000',
  refresh_token: '5Aep861SecretRefreshToken',
};

function tokenEndpoint(status = 200, body: unknown = TOKEN_RESPONSE) {
  const requests: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    requests.push(request);
    return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body };
  };
  return { transport, requests };
}

describe('PKCE (RFC 7636, S256)', () => {
  it('computes the challenge of the RFC 7636 Appendix B test vector', async () => {
    // RFC 7636 Appendix B: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). (Checked against Python's hashlib and
    // `openssl dgst -sha256` too; 'E9Gq7HwqOWz6Gm3-TtSBdJaL-7fffuI9-Xz0O3Cj7Bs', sometimes quoted for this
    // verifier, is not its challenge.)
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    // Appendix B's verifier is the base64url of these 32 octets.
    const octets = new Uint8Array([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
      191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ]);
    expect(base64url(octets)).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('makes fresh 43-character verifiers and refuses malformed ones', async () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    await expect(codeChallenge('too-short')).rejects.toBeInstanceOf(SalesforceAuthError);
  });

  it('builds the authorize URL with the S256 challenge of its verifier and a state', async () => {
    const { url, pending } = await beginPkceLogin({ ...LOGIN, scope: 'api refresh_token' });
    const u = new URL(url);
    expect(`${u.origin}${u.pathname}`).toBe('https://login.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      response_type: 'code',
      client_id: LOGIN.clientId,
      redirect_uri: LOGIN.redirectUri,
      code_challenge: await codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      scope: 'api refresh_token',
    });
    // The verifier never leaves the page before the token exchange.
    expect(url).not.toContain(pending.codeVerifier);
    await expect(beginPkceLogin({ ...LOGIN, loginUrl: 'http://login.salesforce.com' })).rejects.toMatchObject(
      {
        code: 'insecure',
      },
    );
  });

  it('rejects a callback whose state does not match, before any request', async () => {
    const { pending } = await beginPkceLogin(LOGIN);
    const { transport, requests } = tokenEndpoint();
    for (const callbackUrl of [
      `${LOGIN.redirectUri}?code=aPrxfake&state=someone-else`,
      `${LOGIN.redirectUri}?code=aPrxfake`,
      `${LOGIN.redirectUri}?error=access_denied&state=someone-else`,
    ]) {
      await expect(completePkceLogin({ ...LOGIN, callbackUrl, pending, transport })).rejects.toMatchObject({
        name: 'SalesforceAuthError',
        code: 'state-mismatch',
      });
    }
    expect(requests).toHaveLength(0);
  });

  it('exchanges the code with the verifier and no secret; keeps the token in memory only', async () => {
    const { pending } = await beginPkceLogin(LOGIN);
    const { transport, requests } = tokenEndpoint();
    const session = await completePkceLogin({
      ...LOGIN,
      callbackUrl: `${LOGIN.redirectUri}?code=aPrxSecretCode%3D%3D&state=${encodeURIComponent(pending.state)}`,
      pending,
      transport,
    });
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect([request.method, request.url]).toEqual([
      'POST',
      'https://login.salesforce.com/services/oauth2/token',
    ]);
    expect(request.headers?.['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'aPrxSecretCode==',
      client_id: LOGIN.clientId,
      redirect_uri: LOGIN.redirectUri,
      code_verifier: pending.codeVerifier,
    });
    expect(request.body).not.toContain('client_secret');

    expect(session.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(session.token()).toBe(TOKEN_RESPONSE.access_token);
    // Not in JSON, not as a property, and the refresh token is not kept at all.
    const visible = JSON.stringify(session) + JSON.stringify(Object.entries(session));
    expect(visible).not.toContain('SecretAccessToken');
    expect(visible).not.toContain('SecretRefreshToken');
    session.clear();
    expect(() => session.token()).toThrow(SalesforceAuthError);
  });

  it('reports a refused sign-in and a refused code by their OAuth codes only', async () => {
    const { pending } = await beginPkceLogin(LOGIN);
    const state = encodeURIComponent(pending.state);
    await expect(
      completePkceLogin({
        ...LOGIN,
        callbackUrl: `${LOGIN.redirectUri}?error=access_denied&error_description=end-user+denied&state=${state}`,
        pending,
        transport: tokenEndpoint().transport,
      }),
    ).rejects.toMatchObject({ code: 'denied', message: 'Salesforce refused the sign-in (access_denied)' });
    const refused = tokenEndpoint(400, {
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    const error = await completePkceLogin({
      ...LOGIN,
      callbackUrl: `${LOGIN.redirectUri}?code=aPrxSecretCode&state=${state}`,
      pending,
      transport: refused.transport,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'token-exchange' });
    expect((error as Error).message).toBe('the token endpoint answered 400 (invalid_grant)');
  });

  it('the session is the token provider of the REST mode', async () => {
    const { pending } = await beginPkceLogin(LOGIN);
    const session = await completePkceLogin({
      ...LOGIN,
      callbackUrl: `${LOGIN.redirectUri}?code=c&state=${encodeURIComponent(pending.state)}`,
      pending,
      transport: tokenEndpoint().transport,
    });
    const seen: string[] = [];
    await collectSalesforce({
      rest: {
        instanceUrl: session.instanceUrl,
        token: () => session.token(),
        transport: async (request) => {
          seen.push(request.headers?.authorization ?? '');
          return {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { totalSize: 0, done: true, records: [] },
          };
        },
      },
    });
    expect(seen).toHaveLength(6);
    expect(new Set(seen)).toEqual(new Set([`Bearer ${TOKEN_RESPONSE.access_token}`]));
  });
});
