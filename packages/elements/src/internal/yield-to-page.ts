/**
 * Wait for a macrotask (a MessageChannel message: not clamped like a nested setTimeout), as the engine does
 * between the slices of its work in the page's thread. The elements wait between the steps of work that would
 * otherwise be one long task on the page: a local ingestion's slices, a chart's first draw (vega's modules, the
 * parse, the view's first run). In between, the page paints and handles input.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
