#!/usr/bin/env node
// @ts-check
// Builds the Zoho CRM widget into dist/widget/, laid out as a Zoho Extension Toolkit (zet) project:
//
//   dist/widget/plugin-manifest.json          widget/plugin-manifest.json
//   dist/widget/app/widget.html, widget.css   the page (widget/)
//   dist/widget/app/zoho-widget.js            widget/main.ts bundled with the adapter and core (one ES module)
//   dist/widget/app/crm-lens/                 crm-lens's script-tag build (@crm-lens/elements dist/cdn)
//
// Then `cd dist/widget && zet validate && zet pack` gives the zip to upload in Zoho CRM (see docs/adapters/zoho.md),
// or host dist/widget/app/ on your own HTTPS origin for an externally hosted widget.
// Options: --no-minify; --cdn DIR to copy an existing crm-lens build instead of building one.
import { cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(packageDir, '../..');
const elementsDir = join(repoDir, 'packages/elements');
const out = join(packageDir, 'dist/widget');
const app = join(out, 'app');
const args = process.argv.slice(2);
const minify = !args.includes('--no-minify');
const cdnIndex = args.indexOf('--cdn');
const cdn = cdnIndex >= 0 ? args[cdnIndex + 1] : undefined;

// The esbuild that @web/dev-server-esbuild already brings (not a direct dependency of the repo), as the
// static example's build does.
const esbuild = createRequire(
  createRequire(join(repoDir, 'package.json')).resolve('@web/dev-server-esbuild'),
)('esbuild');

await rm(out, { recursive: true, force: true });
await mkdir(app, { recursive: true });
await cp(join(packageDir, 'widget/plugin-manifest.json'), join(out, 'plugin-manifest.json'));
await cp(join(packageDir, 'widget/widget.html'), join(app, 'widget.html'));
await cp(join(packageDir, 'widget/widget.css'), join(app, 'widget.css'));

await esbuild.build({
  entryPoints: [join(packageDir, 'widget/main.ts')],
  outfile: join(app, 'zoho-widget.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source', 'browser'],
  minify,
  sourcemap: true,
  legalComments: 'none',
});

if (cdn) {
  await cp(resolve(cdn), join(app, 'crm-lens'), { recursive: true });
} else {
  const { buildCdn } = await import(pathToFileURL(join(elementsDir, 'scripts/bundle.mjs')).href);
  await buildCdn({ outdir: join(app, 'crm-lens'), minify });
}
console.log(`built ${out}`);
