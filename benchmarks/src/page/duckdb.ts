import { AsyncDuckDB, type AsyncDuckDBConnection, VoidLogger } from '@duckdb/duckdb-wasm';

/**
 * DuckDB-WASM from node_modules (the EH bundle, single-threaded; its .wasm and worker are served by the bench
 * server under `base`, never from a CDN). DuckDB runs in its own worker; the page only sends SQL.
 */
export class DuckDbBaseline {
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly worker: Worker,
    private readonly connection: AsyncDuckDBConnection,
  ) {}

  static async open(base: string): Promise<DuckDbBaseline> {
    const worker = new Worker(new URL('duckdb-browser-eh.worker.js', base).href);
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    await db.instantiate(new URL('duckdb-eh.wasm', base).href);
    return new DuckDbBaseline(db, worker, await db.connect());
  }

  async version(): Promise<string> {
    return this.db.getVersion();
  }

  /** Load the canonical columns (Arrow IPC stream) as table `tx`; milliseconds. */
  async load(ipc: Uint8Array): Promise<number> {
    const started = performance.now();
    await this.connection.query('DROP TABLE IF EXISTS tx');
    await this.connection.insertArrowFromIPCStream(ipc, { name: 'tx', create: true });
    return performance.now() - started;
  }

  /**
   * The per-customer summary in SQL, `runs` times after a warm-up. The result is materialised as a table inside DuckDB (as
   * ours stays in its worker), so nothing of the work is optimised away and no result crosses to the page.
   */
  async summarize(runs: number): Promise<{ times: number[]; groups: number }> {
    const times: number[] = [];
    // One warm-up run (not counted), then `runs`.
    for (let r = -1; r < runs; r++) {
      await this.connection.query('DROP TABLE IF EXISTS summary');
      const started = performance.now();
      await this.connection.query(
        'CREATE TABLE summary AS SELECT customer, max(date) AS last, count(*) AS n, sum(amount) AS total FROM tx GROUP BY customer',
      );
      if (r >= 0) times.push(performance.now() - started);
    }
    const count = await this.connection.query('SELECT count(*)::INTEGER AS groups FROM summary');
    const groups = Number(count.getChildAt(0)?.get(0) ?? Number.NaN);
    await this.connection.query('DROP TABLE IF EXISTS summary');
    await this.connection.query('DROP TABLE IF EXISTS tx');
    return { times, groups };
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
