import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { type NodeBridge, PAGE_API, type PageApi, type WorkerMemorySample } from '../shared/bridge.js';
import type { ScaleConfig, ScaleResult, SuiteConfig, SuiteResult } from '../shared/results.js';
import { CHROMIUM_ARGS } from './chromium.js';

const MEMORY_METHOD =
  'DevTools protocol on the worker target after HeapProfiler.collectGarbage: Runtime.getHeapUsage usedSize (JS heap) + backingStorageSize (ArrayBuffer stores) + embedderHeapUsedSize';

/**
 * `--profile`: CPU profiles of workers. Profiling starts when a worker appears; each memory sample of the worker
 * (before the hand-in, after the results) saves the profile since the previous one and starts the next, so the
 * last file of a worker covers hand-in → results.
 */
class WorkerProfiler {
  private readonly names = new Map<WebWorker, string>();

  constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async start(worker: WebWorker): Promise<void> {
    await worker.client.send('Profiler.enable');
    await worker.client.send('Profiler.setSamplingInterval', { interval: 200 });
    await worker.client.send('Profiler.start');
    if (!this.names.has(worker))
      this.names.set(worker, `worker-${String(this.names.size + 1).padStart(2, '0')}`);
  }

  async save(worker: WebWorker, part: string): Promise<void> {
    const name = this.names.get(worker);
    if (name === undefined) return;
    const { profile } = (await worker.client.send('Profiler.stop')) as { profile: unknown };
    const file = join(this.dir, `${name}-${part}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    this.log(`CPU profile of ${worker.url().split('/').at(-1)} written to ${file}`);
    await worker.client.send('Profiler.start');
  }
}

/** Memory of the newest worker of the page whose URL contains `urlPart`, after a forced GC. */
let samples = 0;

async function workerMemory(
  page: Page,
  urlPart: string,
  profiler: WorkerProfiler | undefined,
): Promise<WorkerMemorySample | null> {
  const worker = page
    .workers()
    .filter((candidate) => candidate.url().includes(urlPart))
    .at(-1);
  if (!worker) return null;
  await profiler?.save(worker, `sample-${++samples}`);
  const client = worker.client;
  await client.send('HeapProfiler.collectGarbage');
  const usage = (await client.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    totalSize: number;
    embedderHeapUsedSize?: number;
    backingStorageSize?: number;
  };
  const parts = {
    jsHeapUsed: usage.usedSize,
    arrayBufferStores: usage.backingStorageSize ?? 0,
    embedderHeapUsed: usage.embedderHeapUsedSize ?? 0,
  };
  return {
    method: MEMORY_METHOD,
    totalBytes: parts.jsHeapUsed + parts.arrayBufferStores + parts.embedderHeapUsed,
    parts,
  };
}

/** Headless Chromium with the bench page open. */
export class BenchBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(
    executablePath: string,
    url: string,
    log: (line: string) => void,
    profileDir?: string,
  ): Promise<BenchBrowser> {
    const browser = await puppeteer.launch({
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      // The suite is one long `evaluate`: no protocol timeout short of an hour.
      protocolTimeout: 3_600_000,
    });
    try {
      const page = await browser.newPage();
      page.on('pageerror', (error) =>
        log(`page error: ${error instanceof Error ? error.message : String(error)}`),
      );
      page.on('console', (message) => {
        if (message.type() === 'error') log(`page console: ${message.text()}`);
      });
      const profiler = profileDir ? new WorkerProfiler(profileDir, log) : undefined;
      if (profiler) {
        page.on('workercreated', (worker) => {
          profiler.start(worker).catch((error: Error) => log(`could not profile a worker: ${error.message}`));
        });
      }
      const session = await page.createCDPSession();
      const bridge: NodeBridge = {
        __benchLog: async (line) => log(line),
        __benchCollectGarbage: async () => {
          await session.send('HeapProfiler.collectGarbage');
        },
        __benchWorkerMemory: (urlPart) => workerMemory(page, urlPart, profiler),
      };
      for (const [name, fn] of Object.entries(bridge)) await page.exposeFunction(name, fn);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction((api) => api in globalThis, { timeout: 30_000 }, PAGE_API);
      return new BenchBrowser(browser, page);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  version(): Promise<string> {
    return this.browser.version();
  }

  runSuite(config: SuiteConfig): Promise<SuiteResult> {
    return this.page.evaluate(
      (api, cfg) => (globalThis as unknown as Record<string, PageApi>)[api]!.runSuite(cfg),
      PAGE_API,
      config,
    );
  }

  runScale(config: ScaleConfig): Promise<ScaleResult> {
    return this.page.evaluate(
      (api, cfg) => (globalThis as unknown as Record<string, PageApi>)[api]!.runScale(cfg),
      PAGE_API,
      config,
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
