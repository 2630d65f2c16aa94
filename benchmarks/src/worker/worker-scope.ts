/** The parts of a dedicated worker's global scope the bench workers use (the DOM lib types `self` as Window). */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export const workerScope = self as unknown as WorkerScope;

/**
 * Let queued messages (a cancel) in: resolves on a later task, not a microtask. A MessageChannel message, not
 * setTimeout(0), which browsers clamp to 4 ms once nested.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
