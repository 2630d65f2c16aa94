/**
 * Wait for a macrotask: a MessageChannel message, which (unlike setTimeout) is not clamped to 4 ms when
 * nested. Between the steps of a long job this lets the page handle input and paint when the job runs in the
 * page's thread, and lets a worker receive `cancel` messages when it runs in a worker.
 */
export function yieldToHost(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      // Closing the channel stops it from keeping a Node process (vitest) alive.
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
