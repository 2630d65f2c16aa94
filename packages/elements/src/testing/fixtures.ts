// Shared by the elements' browser tests (not shipped: excluded from the build).
import { PRESETS } from '@crm-lens/core';
import { createEngine, type Engine, type HostKind } from '@crm-lens/engine';
import { generateDataset, toRows } from '@crm-lens/testing';
import { fixtureSync, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { LensData } from '../data/data.js';
import type { DataStatus } from '../internal/data-state.js';

/** The engine's module worker as the dev server serves it (TypeScript, transformed on request). */
export const WORKER_URL = new URL('/packages/engine/src/engine.worker.ts', location.origin).href;

/** The first 200 rows of CDNOW_master.txt (core's fixture), and how to read them. */
export const CDNOW_URL = '/packages/core/test/fixtures/cdnow-master-head.txt';
export const CDNOW_PRESET = 'cdnow-master';
export const CDNOW_OPTIONS = PRESETS[CDNOW_PRESET]!.options;

/** An engine on one host: `in-thread` (fast to start) or the real `module-worker`. */
export function engineOn(host: HostKind = 'in-thread'): Promise<Engine> {
  return createEngine({ hosts: [host], workerUrl: WORKER_URL });
}

/** Engine options for `<lens-data>` in tests. */
export function engineOptions(host: HostKind = 'in-thread') {
  return { hosts: [host], workerUrl: WORKER_URL };
}

/** Seeded synthetic order lines as row objects (customerId, date, amount, orderId, …). */
export function syntheticRows(customers: number, seed = 7): Record<string, unknown>[] {
  return toRows(generateDataset({ customers, seed }).transactions);
}

/** Seeded customers (id, name, …) as row objects, matching {@link syntheticRows} with the same seed. */
export function syntheticCustomers(customers: number, seed = 7): Record<string, unknown>[] {
  return toRows(generateDataset({ customers, seed }).customers);
}

/** Wait until a `<lens-data>` reaches a status (default: ready). */
export async function waitForStatus(element: LensData, status: DataStatus = 'ready', timeout = 20_000) {
  await waitUntil(
    () => element.status === status,
    `<lens-data> did not become ${status} (it is ${element.status}: ${element.error?.message ?? ''})`,
    { timeout, interval: 20 },
  );
  await element.updateComplete;
}

/** Rows whose every date is unreadable: every row is rejected. */
export function badRows(n = 30): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    customerId: `C${i % 5}`,
    date: `not a date ${i}`,
    amount: 10 + i,
  }));
}

/**
 * Render a template like open-wc's `fixture`, without waiting for an animation frame: when wtr runs two test
 * files at once, one page is in the background, where requestAnimationFrame never fires (and `fixture` waits
 * for one unless the root is a Lit element). Waits for every Lit element in the tree to render.
 */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const element = fixtureSync<T>(template);
  const all = [element, ...element.querySelectorAll('*')];
  for (const node of all) {
    const update = (node as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
    if (update) await update;
  }
  return element;
}
