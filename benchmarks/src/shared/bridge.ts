/** How the Node driver and the bench page talk (puppeteer's `exposeFunction` and `evaluate`). */
import type { ScaleConfig, ScaleResult, SuiteConfig, SuiteResult } from './results.js';

/** One reading of a worker's memory, after a forced GC. */
export interface WorkerMemorySample {
  readonly method: string;
  readonly totalBytes: number;
  readonly parts: Readonly<Record<string, number>>;
}

/** Functions the Node driver exposes on the page's window. */
export interface NodeBridge {
  /** A progress line for the terminal. */
  __benchLog(line: string): Promise<void>;
  /**
   * A full GC of the page (DevTools protocol), before a measured window: the bench's own garbage (generated
   * data, earlier runs) is not collected during crm-lens's hand-in then.
   */
  __benchCollectGarbage(): Promise<void>;
  /** Memory of the newest worker whose URL contains `urlPart` (DevTools protocol), or null if none is found. */
  __benchWorkerMemory(urlPart: string): Promise<WorkerMemorySample | null>;
}

/** What the bench page puts on `window.crmLensBench`. */
export interface PageApi {
  runSuite(config: SuiteConfig): Promise<SuiteResult>;
  runScale(config: ScaleConfig): Promise<ScaleResult>;
}

export const PAGE_API = 'crmLensBench';
