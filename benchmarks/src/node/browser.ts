import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { type NodeBridge, PAGE_API, type PageApi, type WorkerMemorySample } from '../shared/bridge.js';
import type { ScaleConfig, ScaleResult, SuiteConfig, SuiteResult } from '../shared/results.js';
import { CHROMIUM_ARGS } from './chromium.js';

const MEMORY_METHOD =
  'DevTools protocol on the worker target after HeapProfiler.collectGarbage: Runtime.getHeapUsage usedSize (JS heap) + backingStorageSize (ArrayBuffer stores) + embedderHeapUsedSize';

/** Memory of the newest worker of the page whose URL contains `urlPart`, after a forced GC. */
async function workerMemory(page: Page, urlPart: string): Promise<WorkerMemorySample | null> {
  const worker = page
    .workers()
    .filter((candidate) => candidate.url().includes(urlPart))
    .at(-1);
  if (!worker) return null;
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

  static async open(executablePath: string, url: string, log: (line: string) => void): Promise<BenchBrowser> {
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
      const session = await page.createCDPSession();
      const bridge: NodeBridge = {
        __benchLog: async (line) => log(line),
        __benchCollectGarbage: async () => {
          await session.send('HeapProfiler.collectGarbage');
        },
        __benchWorkerMemory: (urlPart) => workerMemory(page, urlPart),
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
