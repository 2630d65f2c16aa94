/**
 * Connected data providers (`<lens-data>` elements), so that a widget can find one by id (`source="…"`) even when
 * the provider connects or is upgraded after the widget, and so that a widget whose context request went
 * unanswered (its `<lens-data>` ancestor was not defined yet) can retry once one connects.
 */
import type { DataProvider } from './data-state.js';

export type ProviderElement = HTMLElement & DataProvider;

const providers = new Set<ProviderElement>();
const waiters = new Set<(provider: ProviderElement) => void>();

/** Announce a connected provider (from its connectedCallback). */
export function registerProvider(provider: ProviderElement): void {
  providers.add(provider);
  for (const waiter of [...waiters]) waiter(provider);
}

/** Forget a provider (from its disconnectedCallback). */
export function unregisterProvider(provider: ProviderElement): void {
  providers.delete(provider);
}

/** The connected provider with this id in the same document or shadow root as `from` (else anywhere). */
export function findProvider(id: string, from: Node): ProviderElement | undefined {
  const root = from.getRootNode();
  let fallback: ProviderElement | undefined;
  for (const provider of providers) {
    if (provider.id !== id) continue;
    if (provider.getRootNode() === root) return provider;
    fallback ??= provider;
  }
  return fallback;
}

/** Call `waiter` for every provider that connects from now on; returns the function that stops it. */
export function onProviderConnected(waiter: (provider: ProviderElement) => void): () => void {
  waiters.add(waiter);
  return () => waiters.delete(waiter);
}

/** Whether `ancestor` contains `node`, crossing shadow roots (a widget inside a provider's slot or subtree). */
export function containsComposed(ancestor: Node, node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (current === ancestor) return true;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

/** How many providers and waiters are registered (tests check everything is released). */
export function registrySize(): { providers: number; waiters: number } {
  return { providers: providers.size, waiters: waiters.size };
}
