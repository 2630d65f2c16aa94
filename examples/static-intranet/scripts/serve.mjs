#!/usr/bin/env node
// @ts-check
// A tiny static file server for the built example (dist/), with the strict Content-Security-Policy an intranet
// would send: `default-src 'self'` — no 'unsafe-eval', no 'unsafe-inline', no blob: workers. Used by `pnpm demo`,
// the end-to-end test and the screenshot script.
//
// Run: node scripts/serve.mjs [--port 4173] [--root dist]   (PORT works too; a busy port moves to the next one)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The policy of every response (the HTML page and the worker script alike). */
export const CSP = "default-src 'self'";

const MIME_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.file',
  // Served as the bytes they are (no Content-Encoding): the engine recognises and unzips gzip itself.
  '.gz': 'application/gzip',
});

/**
 * Start serving `root`. Resolves once listening; `port: 0` picks a free port.
 * @param {{ root?: string, port?: number, host?: string, log?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serve({
  root = join(exampleDir, 'dist'),
  port = 4173,
  host = 'localhost',
  log = false,
} = {}) {
  const base = resolve(root);
  const info = await stat(base).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`${base} does not exist: build the example first (pnpm build)`);

  const server = createServer(async (request, response) => {
    const send = (/** @type {number} */ status, /** @type {string} */ text) => {
      response.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Security-Policy': CSP,
      });
      response.end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    let file = normalize(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden');
    let stats = await stat(file).catch(() => undefined);
    if (stats?.isDirectory()) {
      file = join(file, 'index.html');
      stats = await stat(file).catch(() => undefined);
    }
    if (!stats?.isFile()) {
      if (log) console.log(`404 ${pathname}`);
      return send(404, 'not found');
    }
    response.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stats.size,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  });

  /** @param {number} p */
  const listen = (p) =>
    new Promise((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolveListen(undefined);
      });
    });
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(port === 0 ? 0 : port + attempt);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE' || port === 0 || attempt >= 20) {
        throw error;
      }
    }
  }
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actual}/`,
    port: actual,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = Number(flag('--port') ?? process.env.PORT ?? 4173);
  const root = flag('--root') ? resolve(/** @type {string} */ (flag('--root'))) : undefined;
  const { url } = await serve({ port, root, log: true });
  console.log(`\ncrm-lens demo: ${url}\n(strict CSP: ${CSP}; Ctrl+C to stop)`);
}
