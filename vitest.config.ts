import { defineConfig } from 'vitest/config';

// One project per package; packages resolve to their TypeScript sources through the `source` export
// condition, so no build is needed before testing.
const packages = [
  'core',
  'engine',
  'cli',
  'testing',
  'charts',
  'adapter-rest',
  'adapter-hubspot',
  'adapter-zoho',
  'adapter-salesforce',
  'adapter-dynamics',
];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: packages.map((name) => ({
      extends: true,
      test: {
        name,
        root: `packages/${name}`,
        include: ['test/**/*.test.ts'],
        testTimeout: 60_000,
      },
    })),
  },
});
