#!/usr/bin/env node
// Writes src/themes/light.css and dark.css from the token table in src/themes/tokens.ts (the one source of the
// values), and copies them to dist/themes when dist exists. Run after changing a token:
//   node --import tsx packages/elements/scripts/build-themes.mjs && npx biome check --write packages/elements/src/themes
// (the theme test fails when the CSS files and tokens.ts disagree). The package build copies the committed CSS
// files to dist/themes with copy-themes.mjs, without TypeScript.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { TOKEN_NAMES, LIGHT_TOKENS, DARK_TOKENS } = await import(
  pathToFileURL(join(root, 'src/themes/tokens.ts')).href
);

/** @param {Record<string, string>} values */
const declarations = (values) => TOKEN_NAMES.map((name) => `  --lens-${name}: ${values[name]};`).join('\n');

const files = {
  'light.css': `/* crm-lens light theme (the default). Generated from src/themes/tokens.ts by scripts/build-themes.mjs. */
:root,
:host,
.lens-theme-light {
${declarations(LIGHT_TOKENS)}
}
`,
  'dark.css': `/* crm-lens dark theme: add the class lens-theme-dark to any ancestor of the widgets (or to <html>).
   Generated from src/themes/tokens.ts by scripts/build-themes.mjs. */
.lens-theme-dark,
:host(.lens-theme-dark) {
${declarations(DARK_TOKENS)}
  color-scheme: dark;
}
`,
};

for (const dir of [join(root, 'src/themes'), join(root, 'dist/themes')]) {
  if (dir.includes('dist') && !existsSync(join(root, 'dist'))) continue;
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}
