import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// @crm-lens/charts is pure: no DOM, no lit, and vega or vega-lite only as types, so importing it costs a page
// nothing but the builders and the compiled specs.
const SRC = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));

/** Every import or re-export of a module, with whether it is type-only. */
function imports(text: string) {
  const found = text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms);
  return [...found].map((m) => ({ module: m[3] ?? '', typeOnly: m[2] !== undefined }));
}

describe('charts src', () => {
  it.each(files)(
    '$file imports vega and vega-lite only as types, and nothing else from outside',
    ({ text }) => {
      for (const { module, typeOnly } of imports(text)) {
        if (module.startsWith('.')) continue;
        expect(['vega', 'vega-lite'], `${module} is not a type-only dependency`).toContain(module);
        expect(typeOnly, `import from ${module} must be \`import type\``).toBe(true);
      }
    },
  );

  it.each(files)('$file touches no DOM', ({ text }) => {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    // `window` as a property name or a string (`window: [...]`, `"type": "window"`) is vega's window transform.
    expect(code).not.toMatch(/\b(document|HTMLElement|customElements|getComputedStyle)\b/);
    expect(code).not.toMatch(/(?<!")\bwindow\b(?!"?\s*:)/);
  });
});
