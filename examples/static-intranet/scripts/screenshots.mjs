#!/usr/bin/env node
// @ts-check
// Screenshots of the built demo (1440 × 1000) in headless Chromium, served with the strict CSP:
// screenshots/demo-light.png, demo-dark.png, demo-zh-CN.png (CDNOW) and demo-online-retail.png.
// Run after the build: node scripts/screenshots.mjs (or `pnpm --filter @crm-lens/example-static-intranet screenshots`).
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, waitForDashboard } from './browser.mjs';
import { serve } from './serve.mjs';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(exampleDir, 'screenshots');

const SHOTS = [
  { file: 'demo-light.png', query: 'data=cdnow&theme=light&lang=en' },
  { file: 'demo-dark.png', query: 'data=cdnow&theme=dark&lang=en' },
  { file: 'demo-zh-CN.png', query: 'data=cdnow&theme=light&lang=zh-CN' },
  { file: 'demo-online-retail.png', query: 'data=online-retail&theme=light&lang=en' },
];

await mkdir(outDir, { recursive: true });
const server = await serve({ port: 0 });
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 1000 });
    page.on('pageerror', (error) => console.error(`  page error: ${error}`));
    await page.goto(`${server.url}?${shot.query}`, { waitUntil: 'load' });
    await waitForDashboard(page);
    const path = join(outDir, shot.file);
    await page.screenshot({ path: /** @type {`${string}.png`} */ (path) });
    console.log(`  ${relative(process.cwd(), path)}  (${shot.query})`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
