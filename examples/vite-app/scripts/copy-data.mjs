#!/usr/bin/env node
// Copies the CDNOW 1/10 sample (../shared/data beside the repository, or CRM_LENS_DATA) into public/data/, which
// Vite serves as it is and copies into dist/. The page's <lens-data src="data/CDNOW_sample.txt"> reads it.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.CRM_LENS_DATA ?? join(exampleDir, '../../../shared/data'));
const target = join(exampleDir, 'public/data');

await mkdir(target, { recursive: true });
await copyFile(join(dataDir, 'cdnow/CDNOW_sample.txt'), join(target, 'CDNOW_sample.txt'));
console.log(`copied CDNOW_sample.txt from ${dataDir} to public/data/`);
