// pcf-scripts runs ESLint on the control's folder and fails the build on errors (it needs this file).
import eslint from '@eslint/js';
import powerApps from '@microsoft/eslint-plugin-power-apps';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/generated', 'out', 'node_modules', 'scripts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@microsoft/power-apps': powerApps },
    languageOptions: { globals: { ...globals.browser, ComponentFramework: true } },
    rules: { '@microsoft/power-apps/avoid-unpub-api': 'warn' },
  },
];
