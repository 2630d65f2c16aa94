// A synthetic org as the GraphQL wire adapter would deliver it (shared by the browser test and the page it drives;
// not a test file): @crm-lens/testing's seeded customers, orders and interactions as Accounts, won Opportunities
// (one per order) and Cases, paged like the UI API (2,000 edges a page, base64 cursors, totalCount).

/** One recorded wire value: what `@wire(graphql)` emits for `object` after `after`. */
export interface WirePage {
  readonly object: string;
  readonly after: string | null;
  readonly data: unknown;
}

/** The GraphQL request the adapter makes (the runner's argument, as far as the replay needs it). */
export interface WireRequest {
  readonly object: string;
  readonly variables: { readonly first: number; readonly after: string | null; readonly upperBound: number };
}

const field = (value: unknown) => ({ value, displayValue: null });
const cursor = (n: number) => btoa(`v1:${n}`);
const accountId = (customerId: string) => `001Dn${customerId.replace(/\D/g, '').padStart(13, '0')}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `nodes` as wire pages of `size` edges. */
function paged(object: string, nodes: readonly unknown[], size = 2000): WirePage[] {
  const pages: WirePage[] = [];
  for (let start = 0; start === 0 || start < nodes.length; start += size) {
    const edges = nodes.slice(start, start + size).map((node) => ({ node }));
    const end = start + edges.length;
    pages.push({
      object,
      after: start === 0 ? null : cursor(start),
      data: {
        uiapi: {
          query: {
            [object]: {
              edges,
              totalCount: nodes.length,
              pageInfo: { hasNextPage: end < nodes.length, endCursor: edges.length > 0 ? cursor(end) : null },
            },
          },
        },
      },
    });
  }
  return pages;
}

interface Columns {
  customers: { id: string; name: string; createdAt: number; region: string }[];
  transactions: { customerId: string; date: number; amount: number; orderId: string }[];
  interactions: { customerId: string; date: number; type: string }[];
}

/** The wire pages of an org built from generated rows (accounts, won opportunities, cases). */
export function orgPages({ customers, transactions, interactions }: Columns): WirePage[] {
  const accounts = customers.map((c) => ({
    Id: accountId(c.id),
    Name: field(c.name),
    CreatedDate: field(new Date(c.createdAt).toISOString()),
    BillingCountry: field(c.region),
    Industry: field(null),
  }));
  const orders = new Map<string, { customerId: string; date: number; amount: number }>();
  for (const t of transactions) {
    const order = orders.get(t.orderId);
    if (order) order.amount = Math.round((order.amount + t.amount) * 100) / 100;
    else orders.set(t.orderId, { customerId: t.customerId, date: t.date, amount: t.amount });
  }
  const opportunities = [...orders].map(([orderId, o]) => ({
    Id: `006Dn${orderId.replace(/\D/g, '').padStart(13, '0')}`,
    AccountId: field(accountId(o.customerId)),
    CloseDate: field(day(o.date)),
    Amount: field(o.amount),
    CurrencyIsoCode: field('EUR'),
    IsWon: field(true),
  }));
  const cases = interactions.map((i, n) => ({
    Id: `500Dn${String(n + 1).padStart(13, '0')}`,
    AccountId: field(accountId(i.customerId)),
    ContactId: field(null),
    CreatedDate: field(new Date(i.date).toISOString()),
  }));
  return [
    ...paged('Account', accounts),
    ...paged('Contact', []),
    ...paged('Opportunity', opportunities),
    ...paged('Task', []),
    ...paged('Event', []),
    ...paged('Case', cases),
  ];
}

/** A wire stand-in: answers each request from the recorded pages, a macrotask later, as the wire does. */
export function replayWire(pages: readonly WirePage[]) {
  const requests: WireRequest[] = [];
  const run = async (request: WireRequest) => {
    requests.push(request);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const page = pages.find((p) => p.object === request.object && p.after === request.variables.after);
    if (!page) throw new Error(`no recorded page for ${request.object} after ${request.variables.after}`);
    return { data: structuredClone(page.data), errors: undefined };
  };
  return { run, requests };
}
