import type { TransactionTable } from '@crm-lens/core';

/**
 * A small Online Retail-like table: 240 customers, orders over 2011 with 1–5 products each, drawn from
 * bundles that go together (so there are rules to find), postage lines (`POST`) on some orders, and a few
 * returns. Deterministic (a fixed linear congruential stream).
 */
export function retailTable(customers = 240, seed = 11): TransactionTable {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const bundles = [
    ['85123A', '71053', '84406B'],
    ['22423', '22720', '22722'],
    ['21730', '22752', '84029G', '84029E'],
    ['23084', '23085'],
    ['47566', '47566B', '22086'],
  ];
  const loose = ['20725', '20727', '20728', '21212', '22197', '85099B', '84879', '22383'];
  const customerIds: string[] = [];
  const products: string[] = [];
  const productCode = new Map<string, number>();
  const code = (p: string) => {
    let c = productCode.get(p);
    if (c === undefined) {
      c = products.length;
      products.push(p);
      productCode.set(p, c);
    }
    return c;
  };
  const rows = { customer: [] as number[], date: [] as number[], amount: [] as number[] };
  const order: number[] = [];
  const product: number[] = [];
  const orderIds: string[] = [];
  const start = Date.UTC(2011, 0, 3);
  for (let c = 0; c < customers; c++) {
    customerIds.push(String(12_000 + c * 7));
    const orders = 1 + Math.floor(next() * next() * 9);
    const favourite = Math.floor(next() * bundles.length);
    let day = Math.floor(next() * 200);
    for (let o = 0; o < orders; o++) {
      const id = orderIds.length;
      orderIds.push(String(536_000 + id));
      const items = new Set<string>();
      const bundle = bundles[next() < 0.7 ? favourite : Math.floor(next() * bundles.length)]!;
      for (const p of bundle) if (next() < 0.75) items.add(p);
      const extra = Math.floor(next() * 3);
      for (let k = 0; k < extra; k++) items.add(loose[Math.floor(next() * loose.length)]!);
      if (items.size === 0) items.add(bundle[0]!);
      if (next() < 0.3) items.add('POST');
      const time = start + day * 86_400_000 + Math.floor(next() * 10) * 3_600_000;
      for (const p of items) {
        rows.customer.push(c);
        rows.date.push(time);
        rows.amount.push(Math.round((2 + next() * 20) * 100) / 100);
        order.push(id);
        product.push(code(p));
      }
      if (next() < 0.05) {
        const p = [...items][0]!;
        rows.customer.push(c);
        rows.date.push(time + 3 * 86_400_000);
        rows.amount.push(-5);
        order.push(orderIds.length);
        orderIds.push(`C${536_000 + id}`);
        product.push(code(p));
      }
      day += 5 + Math.floor(next() * 40);
      if (day > 360) break;
    }
  }
  return {
    kind: 'transactions',
    length: rows.customer.length,
    customer: { codes: Int32Array.from(rows.customer), dictionary: customerIds },
    date: Float64Array.from(rows.date),
    amount: Float64Array.from(rows.amount),
    orderId: { codes: Int32Array.from(order), dictionary: orderIds },
    product: { codes: Int32Array.from(product), dictionary: products },
  };
}
