// Merged by pcf-scripts into its own webpack configuration (featureconfig.json turns the merge on:
// "pcfAllowCustomWebpack"). A PCF control is one classic script, bundle.js, and the platform serves nothing else.
//
// The engine (@crm-lens/engine) also supports pages that load ES modules: its module-worker host is
// `new Worker(new URL('./engine.worker.js', import.meta.url))` and its default classic-worker URLs are
// `new URL('./engine.worker.classic.js', import.meta.url)`. webpack would turn those into a worker chunk and emitted
// asset files, which the PCF runtime would not serve, and which break pcf-scripts' single-chunk build. This control
// never uses them (its engine runs in a blob: worker made from source text, CrmLens/index.ts), so webpack leaves
// them alone, and `import.meta.url` becomes a fixed placeholder instead of the build machine's file path.
const { dirname } = require('node:path');

// webpack is pcf-scripts' own dependency, not this project's.
const webpack = require(
  require.resolve('webpack', { paths: [dirname(require.resolve('pcf-scripts/package.json'))] }),
);

module.exports = {
  module: {
    parser: {
      javascript: {
        worker: false,
        url: false,
      },
    },
  },
  plugins: [
    new webpack.DefinePlugin({
      'import.meta.url': JSON.stringify('https://crm-lens.invalid/pcf/bundle.js'),
    }),
  ],
};
