import { describe, expect, it } from 'vitest';
import {
  AdapterError,
  compilePath,
  getPath,
  pageThrough,
  parseLinkHeader,
  type RawPage,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../src/index.js';

/** Serves pages by URL (query included) or by the JSON body of a POST; records every request. */
function router(route: (request: TransportRequest) => TransportResponse) {
  const calls: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    calls.push(request);
    return route(request);
  };
  return { transport, calls };
}

const json = (body: unknown, headers: Record<string, string> = {}): TransportResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

async function all(pages: AsyncIterable<RawPage>): Promise<RawPage[]> {
  const out: RawPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('paths', () => {
  const record = {
    id: '1',
    properties: { amount: '10', 'Net.Price': 3 },
    associations: { companies: { results: [{ id: '42', type: 'deal_to_company' }] } },
    '@odata.nextLink': 'x',
    list: [[1, 2]],
  };
  it('reads dot paths, indexes and quoted keys', () => {
    expect(getPath(record, 'properties.amount')).toBe('10');
    expect(getPath(record, 'associations.companies.results[0].id')).toBe('42');
    expect(getPath(record, 'properties["Net.Price"]')).toBe(3);
    expect(getPath(record, '["@odata.nextLink"]')).toBe('x');
    expect(getPath(record, 'list[0][1]')).toBe(2);
    expect(getPath(record, '')).toBe(record);
  });
  it('returns undefined for missing steps, never prototype properties', () => {
    expect(getPath(record, 'associations.contacts.results[0].id')).toBeUndefined();
    expect(getPath(record, 'properties.amount.length')).toBeUndefined();
    expect(getPath(record, 'constructor')).toBeUndefined();
    expect(getPath(record, 'id[0]')).toBeUndefined();
  });
  it('rejects malformed paths with a mapping error', () => {
    for (const bad of ['a..b', '.a', 'a.', 'a[x]', 'a[0', 'a["b]', 'a[0]b']) {
      expect(() => compilePath(bad), bad).toThrow(AdapterError);
    }
  });
});

describe('parseLinkHeader', () => {
  it('finds rel="next" among several links', () => {
    const header =
      '<https://api.example.com/items?page=1>; rel="prev", <https://api.example.com/items?page=3>; rel="next", <https://api.example.com/items?page=9>; rel=last';
    expect(parseLinkHeader(header)).toBe('https://api.example.com/items?page=3');
    expect(parseLinkHeader(header, 'last')).toBe('https://api.example.com/items?page=9');
    expect(parseLinkHeader('<https://a/b>; rel="prev"')).toBeUndefined();
    expect(parseLinkHeader(undefined)).toBeUndefined();
  });
});

describe('pageThrough', () => {
  it('cursor in the query (GET), to the end', async () => {
    const pages: Record<string, unknown> = {
      '': { results: [{ id: 1 }, { id: 2 }], paging: { next: { after: 'A' } } },
      A: { results: [{ id: 3 }], paging: { next: { after: 'B' } } },
      B: { results: [{ id: 4 }] },
    };
    const { transport, calls } = router((r) => json(pages[new URL(r.url).searchParams.get('after') ?? '']));
    const out = await all(
      pageThrough(transport, {
        url: 'https://api.example.com/items?limit=2',
        records: 'results',
        paging: { kind: 'cursor', next: 'paging.next.after', param: 'after' },
      }),
    );
    expect(out.map((p) => [p.records.length, p.next])).toEqual([
      [2, 'A'],
      [1, 'B'],
      [1, undefined],
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://api.example.com/items?limit=2',
      'https://api.example.com/items?limit=2&after=A',
      'https://api.example.com/items?limit=2&after=B',
    ]);
  });

  it('cursor in the JSON body (POST search), resumable from a cursor', async () => {
    const { transport, calls } = router((r) => {
      const body = JSON.parse(r.body!) as { after?: string };
      return json(
        body.after === '2'
          ? { total: 3, results: [{ id: 3 }] }
          : { total: 3, results: [{ id: 1 }, { id: 2 }], paging: { next: { after: '2' } } },
      );
    });
    const out = await all(
      pageThrough(transport, {
        url: 'https://api.example.com/search',
        method: 'POST',
        body: { filterGroups: [], limit: 2 },
        records: 'results',
        total: 'total',
        paging: { kind: 'cursor', next: 'paging.next.after', param: 'after' },
        cursor: '2',
      }),
    );
    expect(out).toEqual([{ records: [{ id: 3 }], total: 3 }]);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ filterGroups: [], limit: 2, after: '2' });
  });

  it('offset/limit: stops at a short page or at the total', async () => {
    const data = Array.from({ length: 5 }, (_, i) => ({ id: i }));
    const { transport, calls } = router((r) => {
      const u = new URL(r.url);
      const offset = Number(u.searchParams.get('offset'));
      const limit = Number(u.searchParams.get('limit'));
      return json({ items: data.slice(offset, offset + limit), count: data.length });
    });
    const out = await all(
      pageThrough(transport, {
        url: 'https://api.example.com/items',
        records: 'items',
        total: 'count',
        paging: { kind: 'offset', limit: 2 },
      }),
    );
    expect(out.map((p) => p.records.length)).toEqual([2, 2, 1]);
    expect(out.map((p) => p.next)).toEqual(['2', '4', undefined]);
    expect(calls).toHaveLength(3);
    // Exactly divisible, no total: one more (empty) request tells the end.
    const even = router((r) => {
      const offset = Number(new URL(r.url).searchParams.get('offset'));
      return json(data.slice(0, 4).slice(offset, offset + 2));
    });
    const out2 = await all(
      pageThrough(even.transport, {
        url: 'https://x.test/i',
        records: '',
        paging: { kind: 'offset', limit: 2 },
      }),
    );
    expect(out2.map((p) => p.records.length)).toEqual([2, 2, 0]);
  });

  it('page numbers with a "more records" flag (Zoho-style)', async () => {
    const { transport } = router((r) => {
      const page = Number(new URL(r.url).searchParams.get('page'));
      return json({ data: [{ id: page }], info: { more_records: page < 3 } });
    });
    const out = await all(
      pageThrough(transport, {
        url: 'https://x.test/crm/v2/Deals',
        records: 'data',
        paging: { kind: 'page', more: 'info.more_records', sizeParam: 'per_page', size: 200 },
      }),
    );
    expect(out.map((p) => p.next)).toEqual(['2', '3', undefined]);
  });

  it('next URL in the body (OData @odata.nextLink), relative links resolved', async () => {
    const { transport, calls } = router((r) =>
      r.url.endsWith('skiptoken=2')
        ? json({ value: [{ id: 2 }] })
        : json({ value: [{ id: 1 }], '@odata.nextLink': '/api/data/v9.2/accounts?$skiptoken=2' }),
    );
    const out = await all(
      pageThrough(transport, {
        url: 'https://org.example.com/api/data/v9.2/accounts',
        records: 'value',
        paging: { kind: 'next-url', next: '["@odata.nextLink"]' },
      }),
    );
    expect(out).toHaveLength(2);
    expect(calls[1]!.url).toBe('https://org.example.com/api/data/v9.2/accounts?$skiptoken=2');
  });

  it('Link header; refuses a next link to another origin', async () => {
    const { transport } = router((r) =>
      r.url.includes('page=2')
        ? json([{ id: 2 }], { link: '<https://evil.example.net/steal>; rel="next"' })
        : json([{ id: 1 }], { link: '<https://api.example.com/items?page=2>; rel="next"' }),
    );
    const pages = pageThrough(transport, {
      url: 'https://api.example.com/items',
      records: '',
      paging: { kind: 'link-header' },
    });
    const first = await pages.next();
    expect(first.value).toMatchObject({ next: 'https://api.example.com/items?page=2' });
    await expect(pages.next()).rejects.toMatchObject({ code: 'paging' });
  });

  it('stops a cursor loop instead of paging forever', async () => {
    const { transport } = router(() => json({ results: [{}], paging: { next: { after: 'same' } } }));
    const pages = pageThrough(transport, {
      url: 'https://x.test/a',
      records: 'results',
      paging: { kind: 'cursor', next: 'paging.next.after', param: 'after' },
    });
    await expect(all(pages)).rejects.toMatchObject({ code: 'paging' });
  });

  it('error statuses become AdapterErrors without the response body or the query string', async () => {
    const secret = 'customer@example.com';
    for (const [status, code] of [
      [401, 'unauthorized'],
      [429, 'rate-limited'],
      [500, 'http'],
    ] as const) {
      const { transport } = router(() => ({ status, headers: {}, body: { message: `bad ${secret}` } }));
      const error = await all(
        pageThrough(transport, {
          url: `https://x.test/search?q=${secret}`,
          records: 'results',
          paging: { kind: 'none' },
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdapterError);
      expect(error).toMatchObject({ code, status });
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).toContain('GET https://x.test/search');
    }
  });

  it('a response without the record array, or not JSON, is a format error', async () => {
    const a = router(() => json({ rows: [] }));
    await expect(
      all(
        pageThrough(a.transport, { url: 'https://x.test/a', records: 'results', paging: { kind: 'none' } }),
      ),
    ).rejects.toMatchObject({ code: 'format' });
    const b = router(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }));
    await expect(
      all(
        pageThrough(b.transport, { url: 'https://x.test/a', records: 'results', paging: { kind: 'none' } }),
      ),
    ).rejects.toMatchObject({ code: 'format' });
  });

  it('aborting between pages rejects with an AbortError and sends no further request', async () => {
    const controller = new AbortController();
    const { transport, calls } = router((r) =>
      json({ results: [{}], paging: { next: { after: `${r.url.length}` } } }),
    );
    const pages = pageThrough(transport, {
      url: 'https://x.test/a',
      records: 'results',
      paging: { kind: 'cursor', next: 'paging.next.after', param: 'after' },
      signal: controller.signal,
    });
    await pages.next();
    controller.abort();
    await expect(pages.next()).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });
});
