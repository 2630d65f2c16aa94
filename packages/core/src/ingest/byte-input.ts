import { IngestError } from './errors.js';

/** Raw bytes in any of the shapes browsers, workers and Node hand us. */
export type ByteInput =
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>;

/** Chunks of at most this many bytes are handed on, so a whole in-memory file is still processed in steps. */
const CHUNK_BYTES = 1 << 20;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function* sliceBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (an error, an abort): cancel the source so a download stops, then unlock it.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Every byte input as an async sequence of Uint8Array chunks (strings in an iterable are UTF-8 encoded). */
export async function* byteChunks(input: ByteInput): AsyncGenerator<Uint8Array> {
  if (input instanceof Uint8Array) {
    yield* sliceBytes(input);
  } else if (input instanceof ArrayBuffer) {
    yield* sliceBytes(new Uint8Array(input));
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    yield* readStream(input.stream() as ReadableStream<Uint8Array>);
  } else if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) {
    yield* readStream(input);
  } else if (isAsyncIterable(input)) {
    const encoder = new TextEncoder();
    for await (const chunk of input) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  } else {
    for (const chunk of input as Iterable<Uint8Array>) yield chunk;
  }
}

/** A byte sequence whose first bytes have been looked at, without losing them. */
export interface PeekedBytes {
  readonly head: Uint8Array;
  readonly chunks: AsyncGenerator<Uint8Array>;
}

/** Read until at least `min` bytes (or the end) are buffered, and return them with the full sequence. */
export async function peekBytes(source: AsyncIterable<Uint8Array>, min = 4096): Promise<PeekedBytes> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  while (size < min) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    if (next.value.length === 0) continue;
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = concatBytes(buffered, Math.min(size, Math.max(min, buffered[0]?.length ?? 0)));
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      while (!finished) {
        const next = await iterator.next();
        if (next.done) finished = true;
        else yield next.value;
      }
    } finally {
      // Closed early: close the source too (it cancels a stream).
      if (!finished) await iterator.return?.();
    }
  }
  return { head, chunks: chunks() };
}

/** Concatenate chunks (up to `limit` bytes). */
export function concatBytes(chunks: readonly Uint8Array[], limit = Number.POSITIVE_INFINITY): Uint8Array {
  const total = Math.min(
    limit,
    chunks.reduce((n, c) => n + c.length, 0),
  );
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= total) break;
    const part = chunk.subarray(0, total - offset);
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** gzip streams start with 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Arrow IPC: the file format starts with "ARROW1"; the stream format with the 0xFFFFFFFF continuation marker. */
export function isArrow(head: Uint8Array): boolean {
  const file = head.length >= 6 && String.fromCharCode(...head.subarray(0, 6)) === 'ARROW1';
  const stream =
    head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff;
  return file || stream;
}

/** Decompress a gzip byte sequence with the platform's DecompressionStream (browsers, workers, Node ≥ 18). */
export async function* gunzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new IngestError(
      'format',
      'this input is gzip-compressed, but this runtime has no DecompressionStream',
    );
  }
  const iterator = chunks[Symbol.asyncIterator]();
  const compressed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const decompressed = compressed.pipeThrough(
    new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
  try {
    yield* readStream(decompressed);
  } catch (error) {
    throw new IngestError('format', `the gzip data is corrupt or truncated (${(error as Error).message})`);
  }
}

/**
 * Decode bytes to text chunks. `fatal` decoding: a file that is not valid in the encoding is an error naming the
 * encoding to try, never text with silent replacement characters.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  encoding = 'utf-8',
): AsyncGenerator<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new IngestError('option', `unknown text encoding "${encoding}"`);
  }
  let offset = 0;
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      offset += chunk.length;
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(
      'encoding',
      `the input is not valid ${encoding} (near byte ${offset}); give its encoding, e.g. encoding: 'windows-1252' (CLI: --encoding windows-1252)`,
    );
  }
}
