import { accessSync, constants, statSync } from 'node:fs';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** CHROME_PATH if it names an executable, else the first system Chromium/Chrome found (as scripts/test-browser.mjs). */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;
  const found = CHROMIUM_PATHS.find(isExecutableFile);
  if (found) return found;
  throw new Error(
    [
      'The bench needs Chromium, and none was found.',
      `Looked at: ${[...(fromEnv ? [`CHROME_PATH=${fromEnv}`] : []), ...CHROMIUM_PATHS].join(', ')}.`,
      'Install it (Debian/Ubuntu: apt-get install -y chromium) or point CHROME_PATH at a Chrome/Chromium executable.',
    ].join('\n'),
  );
}

/** Headless flags, as the browser tests use them. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
