// `pnpm --filter @crm-lens/charts build:specs`: compile the spec builders to vega and write
// src/generated/compiled-specs.ts (committed; test/compiled-specs.test.ts checks it is up to date).
import { writeFileSync } from 'node:fs';
import { renderCompiledModule } from './compiled-module.js';

const target = new URL('../src/generated/compiled-specs.ts', import.meta.url);
writeFileSync(target, renderCompiledModule());
console.log(`wrote ${target.pathname}`);
