// sfdx-lwc-jest's configuration, plus a global setup that builds the crmLens API the tests install as
// window.crmLens (test/jest/global-setup.cjs); CommonJS because sfdx-lwc-jest loads it with require.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  globalSetup: '<rootDir>/test/jest/global-setup.cjs',
  testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/.jest/'],
};
