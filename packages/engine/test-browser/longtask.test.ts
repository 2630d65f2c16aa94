// How long the page's main thread is blocked while 100,000 row objects are handed to the worker engine and
// scored there, and while the same customers, orders and interactions are loaded and scored in the page's own
// thread (the in-thread host, where no worker is allowed, as under Lightning Web Security): long tasks (≥ 50 ms)
// as the browser reports them (PerformanceObserver 'longtask'), and the longest gap between two turns of a
// heartbeat (a MessageChannel ping-pong), which also sees shorter tasks.
import { ingestDataset } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import { expect } from '@esm-bundle/chai';
import { createEngine } from '../src/index.js';
import { yieldToHost } from '../src/yield-to-host.js';
import { syntheticRows, WORKER_URL } from './util.js';

/** Customers giving ≈ 100,000 order lines with the generator's defaults (≈ 10.6 lines a customer). */
const CUSTOMERS = 9_450;

function heartbeat() {
  const { port1, port2 } = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) port2.postMessage(null);
  };
  port2.postMessage(null);
  return {
    stop(): number {
      running = false;
      port1.close();
      return longest;
    },
  };
}

describe('main-thread blocking while 100k row objects go to the worker', () => {
  it('loads and scores them, and reports the longest main-thread tasks', async function () {
    this.timeout(120_000);
    const rows = syntheticRows(CUSTOMERS);
    expect(rows.length).to.be.within(95_000, 105_000);
    const engine = await createEngine({ hosts: ['module-worker'], workerUrl: WORKER_URL });
    // Let the page settle after building the rows (that is the test's work, not the engine's).
    await new Promise((resolve) => setTimeout(resolve, 200));

    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const beat = heartbeat();

    const started = performance.now();
    const { handle, report } = await engine.load({ kind: 'rows', rows });
    const loaded = performance.now();
    const summary = await engine.score(handle);
    const scored = performance.now();
    // Long-task entries are delivered after the task: give them time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const longestGap = beat.stop();
    observer.disconnect();
    await engine.dispose();

    const figures = {
      rows: rows.length,
      customers: summary.customers,
      loadMs: Math.round(loaded - started),
      scoreMs: Math.round(scored - loaded),
      longTasks: longTasks.map((d) => Math.round(d)),
      longestHeartbeatGapMs: Math.round(longestGap * 10) / 10,
      workerTimings: Object.fromEntries(Object.entries(summary.timings).map(([k, v]) => [k, Math.round(v)])),
    };
    console.log(`engine main-thread figures: ${JSON.stringify(figures)}`);
    expect(report?.accepted).to.equal(rows.length);
    expect(summary.customers).to.equal(CUSTOMERS);
    // Deliberately not asserted: the long-task figure. Measured alone, crm-lens's main-thread work here is a
    // series of slices of ≤ 15 ms (columnarisation) and a ≈ 5 ms postMessage, but on this 2-core machine under
    // load the browser still reports tasks of 50–150 ms in some runs (the main thread loses its core to the
    // worker and other processes), so a < 50 ms assertion would be flaky. The figures are printed instead.
  });
});

describe('main-thread blocking while customers, orders and interactions are scored in the page thread', () => {
  it('ingests them as row objects, loads and scores them in-thread, and reports the longest tasks', async function () {
    this.timeout(120_000);
    // What the Salesforce static resource hands <lens-data> (accounts, won opportunities, cases as rows), at the
    // size of the worker test above.
    const generated = generateDataset({ customers: CUSTOMERS, seed: 3 });
    const rows = {
      customers: toRows(generated.customers),
      transactions: toRows(generated.transactions),
      interactions: toRows(generated.interactions),
    };
    expect(rows.transactions.length).to.be.within(95_000, 105_000);
    const engine = await createEngine({ hosts: ['in-thread'] });
    expect(engine.host).to.equal('in-thread');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const beat = heartbeat();

    const started = performance.now();
    // The engine takes customers and interactions only as canonical tables: <lens-data> ingests rows of all
    // three on the page (core's ingestDataset, pausing for a macrotask every few thousand rows), then moves them.
    const pause = { pause: yieldToHost };
    const dataset = await ingestDataset(rows as never, {
      customers: pause,
      transactions: pause,
      interactions: pause,
    });
    const ingested = performance.now();
    const { handle } = await engine.load({
      kind: 'tables',
      transactions: dataset.transactions,
      ...(dataset.customers ? { customers: dataset.customers } : {}),
      ...(dataset.interactions ? { interactions: dataset.interactions } : {}),
      transfer: true,
    });
    const loaded = performance.now();
    const summary = await engine.score(handle);
    const scored = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const longestGap = beat.stop();
    observer.disconnect();
    await engine.dispose();

    const figures = {
      rows: rows.customers.length + rows.transactions.length + rows.interactions.length,
      customers: summary.customers,
      ingestMs: Math.round(ingested - started),
      loadMs: Math.round(loaded - ingested),
      scoreMs: Math.round(scored - loaded),
      longTasks: longTasks.map((d) => Math.round(d)),
      longestHeartbeatGapMs: Math.round(longestGap * 10) / 10,
      timings: Object.fromEntries(Object.entries(summary.timings).map(([k, v]) => [k, Math.round(v)])),
    };
    console.log(`in-thread main-thread figures: ${JSON.stringify(figures)}`);
    expect(dataset.reports.transactions.accepted).to.equal(rows.transactions.length);
    expect(dataset.interactions?.length).to.equal(rows.interactions.length);
    expect(summary.customers).to.equal(CUSTOMERS);
    // Not asserted, as above (here all of the work is on the page's thread). Every step pauses: core's ingestion
    // while it reads the row objects' keys, its rows and builds each table (duplicate check, columns), and the
    // in-thread load while it copies and checks the tables. Measured here, the longest of our stretches are
    // ≈ 15–30 ms (the first, still unoptimised, 4,096 transaction rows; a few scoring stages between two of their
    // checkpoints); a major garbage collection of this test's heap (≈ 100 MB, 25–40 ms) landing in one of them can
    // still make a task of ≈ 50 ms in an occasional run.
  });
});
