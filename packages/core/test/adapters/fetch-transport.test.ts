import { describe, expect, it } from 'vitest';
import { fetchTransport } from '../../src/index.js';

describe('fetchTransport', () => {
  const fakeFetch = (response: () => Response) => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return response();
    }) as unknown as typeof globalThis.fetch;
    return { fetch, seen };
  };

  it('parses JSON by content type, lower-cases header names, passes method, body, headers, signal, credentials', async () => {
    const { fetch, seen } = fakeFetch(
      () =>
        new Response('{"results":[1]}', {
          status: 200,
          headers: { 'Content-Type': 'application/json;charset=utf-8', 'Retry-After': '1' },
        }),
    );
    const controller = new AbortController();
    const transport = fetchTransport({
      fetch,
      credentials: 'include',
      headers: { accept: 'application/json' },
    });
    const response = await transport({
      method: 'POST',
      url: 'https://x.test/search',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: controller.signal,
    });
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json;charset=utf-8', 'retry-after': '1' },
      body: { results: [1] },
    });
    expect(seen[0]!.init).toMatchObject({
      method: 'POST',
      body: '{}',
      credentials: 'include',
      signal: controller.signal,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
  });

  it('returns text for other content types and for broken JSON, bytes on request', async () => {
    const text = fakeFetch(() => new Response('a,b\n1,2', { headers: { 'content-type': 'text/csv' } }));
    expect(
      (await fetchTransport({ fetch: text.fetch })({ method: 'GET', url: 'https://x.test/f' })).body,
    ).toBe('a,b\n1,2');
    const broken = fakeFetch(
      () => new Response('{oops', { headers: { 'content-type': 'application/json' } }),
    );
    expect(
      (await fetchTransport({ fetch: broken.fetch })({ method: 'GET', url: 'https://x.test/f' })).body,
    ).toBe('{oops');
    const bytes = fakeFetch(() => new Response(new Uint8Array([1, 2, 3])));
    const response = await fetchTransport({ fetch: bytes.fetch })({
      method: 'GET',
      url: 'https://x.test/f',
      responseType: 'bytes',
    });
    expect(response.body).toEqual(new Uint8Array([1, 2, 3]));
  });
});
