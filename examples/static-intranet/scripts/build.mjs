#!/usr/bin/env node
// @ts-check
// Builds the static example into dist/ — a folder any static web server can host:
//
//   dist/index.html, app.js, app.css, favicon.svg   the page (src/)
//   dist/crm-lens/                                  crm-lens's script-tag build: crm-lens.js, the worker, and the
//                                                   files it loads on demand (vega, zh-CN, in-thread engine, ingestion)
//   dist/data/                                      the prepared data (scripts/prepare-data.mjs → public/data/)
//
// Outside this repository, take dist/cdn/ of the published @crm-lens/elements package instead of building it.
import { spawnSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(exampleDir, 'dist');
const elementsDir = join(exampleDir, '../../packages/elements');

// 1. The data (skipped when up to date). A child process: ingestion runs from core's TypeScript sources.
const prepared = spawnSync(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    join(exampleDir, 'scripts/prepare-data.mjs'),
    ...process.argv.slice(2),
  ],
  { cwd: exampleDir, stdio: 'inherit' },
);
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

// 2. The page and the data.
await rm(dist, { recursive: true, force: true });
await cp(join(exampleDir, 'src'), dist, { recursive: true });
await cp(join(exampleDir, 'public'), dist, { recursive: true });

// 3. crm-lens: the same build as `packages/elements/dist/cdn`, written straight into the page's folder.
const { buildCdn, CDN_FILES } = await import(pathToFileURL(join(elementsDir, 'scripts/bundle.mjs')).href);
await buildCdn({ outdir: join(dist, 'crm-lens') });
console.log(`built ${dist} (crm-lens: ${Object.values(CDN_FILES).join(', ')})`);
