import { describe, expect, it, vi } from 'vitest';
import {
  type AdapterPage,
  type AdapterStream,
  collectAdapter,
  createAdapter,
  ingestDataset,
  type Pager,
  type RawPage,
} from '../../src/index.js';

/** A pager over fixed pages; cursors are page indexes as text. */
function pagerOf(pages: RawPage[], calls: string[] = []): Pager {
  return async function* ({ cursor, signal }) {
    for (let i = cursor !== undefined ? Number(cursor) : 0; i < pages.length; i++) {
      signal?.throwIfAborted();
      calls.push(String(i));
      yield { ...pages[i]!, ...(i + 1 < pages.length ? { next: String(i + 1) } : {}) };
    }
  };
}

const companies: AdapterStream = {
  object: 'companies',
  mapping: {
    table: 'customers',
    fields: { id: { path: 'id', prefix: 'company:' }, name: 'properties.name' },
  },
  pages: pagerOf([
    {
      records: [
        { id: '1', properties: { name: 'Acme' } },
        { id: '2', properties: {} },
      ],
    },
  ]),
};

function dealsStream(calls: string[] = []): AdapterStream {
  return {
    object: 'deals',
    mapping: {
      table: 'transactions',
      fields: { customerId: { path: 'company', prefix: 'company:' }, date: 'closed', amount: 'amount' },
      where: [{ path: 'stage', in: ['won'] }],
    },
    pages: pagerOf(
      [
        { records: [{ id: 'd1', company: '1', closed: '2024-01-05', amount: '10', stage: 'won' }], total: 4 },
        {
          records: [
            { id: 'd2', company: '1', closed: '2024-02-05', amount: '20', stage: 'lost' },
            { id: 'd3', closed: '2024-02-06', amount: '5', stage: 'won' },
          ],
          total: 4,
        },
        { records: [{ id: 'd4', company: '2', closed: '2024-03-05', amount: '30', stage: 'won' }], total: 4 },
      ],
      calls,
    ),
  };
}

describe('createAdapter', () => {
  it('yields one page of canonical rows per raw page, with progress and resume tokens', async () => {
    const adapter = createAdapter('test', [companies, dealsStream()]);
    expect(adapter.objects).toEqual(['companies', 'deals']);
    const pages: AdapterPage[] = [];
    for await (const page of adapter.read()) pages.push(page);
    expect(pages).toHaveLength(4);
    expect(pages[0]!.customers).toEqual([{ id: 'company:1', name: 'Acme' }, { id: 'company:2' }]);
    expect(pages[0]!.transactions).toEqual([]);
    expect(pages.map((p) => p.progress.object)).toEqual(['companies', 'deals', 'deals', 'deals']);
    expect(pages[2]!.progress).toMatchObject({
      pages: 2,
      records: 3,
      rows: 1,
      skipped: 1,
      filtered: 1,
      total: 4,
    });
    expect(pages[2]!.warnings).toEqual([
      expect.objectContaining({ code: 'missing-required', object: 'deals', record: 3, id: 'd3' }),
    ]);
    expect(pages.at(-1)!.resumeToken).toBeUndefined();
    expect(pages.slice(0, -1).every((p) => typeof p.resumeToken === 'string')).toBe(true);
  });

  it('resumes after any page and continues the counts', async () => {
    const first: AdapterPage[] = [];
    for await (const page of createAdapter('test', [companies, dealsStream()]).read()) first.push(page);
    const calls: string[] = [];
    const resumed: AdapterPage[] = [];
    for await (const page of createAdapter('test', [companies, dealsStream(calls)]).read({
      resume: first[1]!.resumeToken!,
    }))
      resumed.push(page);
    expect(calls).toEqual(['1', '2']);
    expect(resumed.map((p) => p.progress)).toEqual(first.slice(2).map((p) => p.progress));
    expect(resumed[0]!.warnings[0]!.record).toBe(3);
    await expect(async () => {
      for await (const _ of createAdapter('other', [companies]).read({ resume: first[1]!.resumeToken! }))
        void _;
    }).rejects.toMatchObject({ code: 'resume' });
    await expect(async () => {
      for await (const _ of createAdapter('test', [companies]).read({ resume: 'garbage' })) void _;
    }).rejects.toMatchObject({ code: 'resume' });
  });

  it('a bad mapping fails when the adapter is created, before any request', () => {
    const pages = vi.fn();
    expect(() =>
      createAdapter('x', [
        { object: 'o', pages, mapping: { table: 'transactions', fields: { customerId: 'a' } } },
      ]),
    ).toThrow(/required field "date"/);
    expect(pages).not.toHaveBeenCalled();
  });

  it('abort mid-way rejects with an AbortError and reads no further page', async () => {
    const calls: string[] = [];
    const controller = new AbortController();
    const adapter = createAdapter('test', [dealsStream(calls)]);
    const seen: AdapterPage[] = [];
    const run = async () => {
      for await (const page of adapter.read({ signal: controller.signal })) {
        seen.push(page);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    expect(calls).toEqual(['0']);
  });
});

describe('collectAdapter', () => {
  it('gathers rows as ingestDataset input; customers and deals share one code space', async () => {
    const collected = await collectAdapter(createAdapter('test', [companies, dealsStream()]));
    expect(collected.pages).toBe(4);
    expect(collected.input.customers).toHaveLength(2);
    expect(collected.input.transactions).toHaveLength(2);
    expect(collected.input.interactions).toBeUndefined();
    expect(collected.warningCounts).toEqual({ 'missing-required': 1 });
    expect(collected.objects.map((o) => [o.object, o.records, o.rows])).toEqual([
      ['companies', 2, 2],
      ['deals', 4, 2],
    ]);
    const dataset = await ingestDataset(collected.input, { transactions: { now: Date.UTC(2025, 0, 1) } });
    expect(dataset.customers!.id.dictionary).toEqual(['company:1', 'company:2']);
    expect(dataset.transactions.customer.dictionary.slice(0, 2)).toEqual(['company:1', 'company:2']);
    expect([...dataset.transactions.amount]).toEqual([10, 30]);
    expect(dataset.reports.transactions.warnings['unknown-customer']).toBeUndefined();
  });

  it('keeps at most maxWarnings in detail and counts them all', async () => {
    const bad: AdapterStream = {
      object: 'deals',
      mapping: { table: 'transactions', fields: { customerId: 'c', date: 'd', amount: 'a' } },
      pages: pagerOf([{ records: [1, 2, 3, 4, 5] }]),
    };
    const collected = await collectAdapter(createAdapter('t', [bad]), { maxWarnings: 2 });
    expect(collected.warnings).toHaveLength(2);
    expect(collected.warningCounts).toEqual({ 'not-an-object': 5 });
    expect(collected.warningsTruncated).toBe(true);
  });
});
