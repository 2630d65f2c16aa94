#!/usr/bin/env node
// @ts-check
// The package's build: scripts/prebuild.mjs, then Microsoft's `pcf-scripts build` (the toolchain `pac pcf push` and
// solution builds run), then a check of its outcome. pcf-scripts 1.51 reports a failed validation, lint or bundle as
// "[build] Failed" but still exits with 0, and `build` does not clean its output first, so a failed build could
// leave an older bundle.js behind: this script removes the control's output folder first and fails unless
// pcf-scripts said "Succeeded" and wrote <outDir>/CrmLens/bundle.js. It ends with the bundle's size.
//
// Arguments go to pcf-scripts as they are (MSBuild's PCF targets, which `pac pcf push` and solution builds use,
// pass `--buildMode`, `--outDir`, `--noColor`, `--buildSource`); `--buildMode production` is the default here.
import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** @param {string} flag */
const flagValue = (flag) => {
  const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (at < 0) return undefined;
  return args[at]?.includes('=') ? args[at]?.split('=')[1] : args[at + 1];
};
if (flagValue('--buildMode') === undefined) args.push('--buildMode', 'production');
const pcfconfig = JSON.parse(await readFile(join(exampleDir, 'pcfconfig.json'), 'utf8'));
const outDir = resolve(exampleDir, flagValue('--outDir') ?? pcfconfig.outDir ?? 'out/controls');
const controlOut = join(outDir, 'CrmLens');
const bundle = join(controlOut, 'bundle.js');

await import('./prebuild.mjs');
await rm(controlOut, { recursive: true, force: true });

const pcfScripts = createRequire(join(exampleDir, 'package.json')).resolve('pcf-scripts/bin/pcf-scripts.js');
const output = await new Promise((done, fail) => {
  // pcf-scripts reads pcfconfig.json and featureconfig.json from the working directory.
  const child = spawn(process.execPath, [pcfScripts, 'build', ...args], {
    cwd: exampleDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      text += chunk;
      (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
    });
  }
  child.on('error', fail);
  child.on('close', (code) => done({ code, text }));
});

const { code, text } = /** @type {{ code: number | null, text: string }} */ (output);
const succeeded = code === 0 && /\[build\] Succeeded/.test(text) && !/\[build\] Failed/.test(text);
const written = await stat(bundle).then(
  (s) => s.isFile(),
  () => false,
);
if (!succeeded || !written) {
  console.error(
    `\nbuild: pcf-scripts did not build the control (${written ? 'it reported a failure' : `no ${bundle}`}); see its output above.`,
  );
  process.exit(1);
}
const bytes = await readFile(bundle);
const mib = (n) => `${(n / (1024 * 1024)).toFixed(2)} MiB`;
console.log(
  `build: ${bundle} ${mib(bytes.length)} (${mib(gzipSync(bytes).length)} gzipped; PCF's limit is 5 MiB)`,
);
