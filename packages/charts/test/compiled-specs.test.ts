import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCompiledModule } from '../scripts/compiled-module.js';

describe('src/generated/compiled-specs.ts', () => {
  it('is what compiling the builders gives now (run `pnpm --filter @crm-lens/charts build:specs`)', () => {
    const committed = readFileSync(new URL('../src/generated/compiled-specs.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderCompiledModule());
  });
});
