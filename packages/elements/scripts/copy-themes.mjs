#!/usr/bin/env node
// @ts-check
// Copies the theme files (src/themes/*.css, generated from tokens.ts by build-themes.mjs) into the build:
// dist/themes/ for npm users (`@crm-lens/elements/themes/dark.css`). Part of `pnpm --filter @crm-lens/elements
// build`; bundle.mjs copies them beside the script-tag build too. Usage: node scripts/copy-themes.mjs [outdir]
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copy every theme file into `outdir`; returns the file names.
 * @param {string} [outdir]
 */
export async function copyThemes(outdir = join(packageDir, 'dist/themes')) {
  const from = join(packageDir, 'src/themes');
  const files = (await readdir(from)).filter((file) => file.endsWith('.css'));
  await mkdir(outdir, { recursive: true });
  for (const file of files) await copyFile(join(from, file), join(outdir, file));
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const files = await copyThemes(outdir);
  console.log(`copied ${files.join(', ')} to ${outdir ?? 'dist/themes'}`);
}
