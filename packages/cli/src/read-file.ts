import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ByteInput } from '@crm-lens/core';

/** Open a file (or `-` for standard input) as a stream of bytes, so large files are never read whole. */
export async function openFile(path: string): Promise<ByteInput> {
  if (path === '-') return process.stdin as AsyncIterable<Uint8Array>;
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`cannot read "${path}": no such file`);
  if (info.isDirectory()) throw new Error(`"${path}" is a directory, not a file`);
  return createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}
