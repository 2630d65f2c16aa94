import { readFile, stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { UsageError } from './args.js';

/**
 * Read a whole text file (or `-` for standard input) for the line-based formats — basket lines, the SPADE text —
 * gunzipping it when it starts with the gzip magic bytes and decoding it strictly in `encoding` (default utf-8).
 */
export async function readTextFile(path: string, encoding = 'utf-8'): Promise<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new UsageError(`unknown text encoding "${encoding}"`);
  }
  let bytes: Uint8Array;
  if (path === '-') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
    bytes = Buffer.concat(chunks);
  } else {
    // The same messages as `openFile` gives the other commands.
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new Error(`cannot read "${path}": no such file`);
    if (info.isDirectory()) throw new Error(`"${path}" is a directory, not a file`);
    bytes = await readFile(path);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new Error(`"${path}": the gzip data is corrupt or truncated (${(error as Error).message})`);
    }
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(
      `"${path}" is not valid ${encoding} text; give its encoding, e.g. --encoding windows-1252`,
    );
  }
}
