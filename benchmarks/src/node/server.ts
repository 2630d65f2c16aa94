import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.json': 'application/json',
};

/** Cross-origin isolation (for measureUserAgentSpecificMemory and SharedArrayBuffer), on every response. */
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface Routes {
  /** In-memory files (the bundles, the page). */
  readonly memory: ReadonlyMap<string, Uint8Array>;
  /** Files on disk, streamed (DuckDB's wasm and worker, the data file). */
  readonly files: ReadonlyMap<string, string>;
}

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** A tiny static server on 127.0.0.1 and a random port. Paths are exact keys of `routes` ('/bench-page.js'). */
export async function startServer(routes: Routes): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const type = TYPES[extname(path)] ?? (path === '/' ? TYPES['.html']! : 'application/octet-stream');
    const body = routes.memory.get(path);
    if (body) {
      response.writeHead(200, { ...HEADERS, 'Content-Type': type, 'Content-Length': body.length });
      response.end(body);
      return;
    }
    const file = routes.files.get(path);
    if (!file) {
      response.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain' });
      response.end(`not found: ${path}`);
      return;
    }
    stat(file).then(
      (info) => {
        response.writeHead(200, { ...HEADERS, 'Content-Type': type, 'Content-Length': info.size });
        createReadStream(file).pipe(response);
      },
      () => {
        response.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain' });
        response.end(`missing on disk: ${file}`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
