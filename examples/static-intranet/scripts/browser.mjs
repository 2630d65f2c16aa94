// @ts-check
// Headless Chromium for the end-to-end test and the screenshots: CHROME_PATH, else the system's Chromium/Chrome
// (Puppeteer's own browser download is not used). Also: waiting until the demo page has drawn.
import { accessSync, constants, statSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @param {string} path */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;
  const found = CHROMIUM_PATHS.find(isExecutableFile);
  if (!found) {
    throw new Error(
      `no Chromium found (looked at ${['$CHROME_PATH', ...CHROMIUM_PATHS].join(', ')}); apt-get install -y chromium, or set CHROME_PATH`,
    );
  }
  return found;
}

export function launchBrowser() {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * Wait until `<lens-data>` is ready and every widget shows its content: no loading state, the churn list's rows
 * loaded, and every chart drawn (an <svg> or <canvas> in each chart container).
 * @param {import('puppeteer-core').Page} page
 * @param {{ timeout?: number }} [options]
 */
export async function waitForDashboard(page, { timeout = 60_000 } = {}) {
  await page.waitForFunction(
    () => {
      const data = document.querySelector('lens-data');
      if (!data) return false;
      if (data.getAttribute('status') !== 'ready') return false;
      for (const widget of data.querySelectorAll('*')) {
        if (!widget.localName.startsWith('lens-')) continue;
        if (!customElements.get(widget.localName)) continue; // not in this build: nothing to wait for
        const root = widget.shadowRoot;
        if (!root) return false;
        // Still working: loading (with its progress), or busy. Any other state (choose a customer, no data for
        // this analysis, empty, error) is where a widget stays; the scoring widgets must show no state at all.
        if (root.querySelector('[part~="state-loading"], [aria-busy="true"]')) return false;
        const scoring = ['lens-value-pyramid', 'lens-rfm-heatmap', 'lens-churn-list'];
        if (scoring.includes(widget.localName) && root.querySelector('[part~="state"]')) return false;
        for (const view of root.querySelectorAll('.lens-chart-view')) {
          if (!view.querySelector('svg, canvas')) return false;
        }
      }
      return true;
    },
    { timeout, polling: 100 },
  );
  // Every widget's last update done, in the page's language (a translation is loaded on demand: an element's
  // updateComplete waits for it and for the re-render in that language).
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll('*')]
        .filter((el) => el.localName.startsWith('lens-'))
        .map((el) => /** @type {Partial<{ updateComplete: Promise<unknown> }>} */ (el).updateComplete),
    ),
  );
  // Let pending frames paint.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
}
