// Build-only (scripts/bundle.mjs): re-exported by every tag file of the script-tag build, so that esbuild puts
// these modules in the chunk that every tag file imports rather than in chunks of their own. Every page that
// shows data has a widget (and nearly every one a <lens-data> too), and every widget needs these: a chunk of their
// own would only be one more file to fetch and to gzip apart. (The chart embedding is not here: only the charting
// widgets need it.)
export { LensCustomerOpenEvent as _customerOpen } from '../../src/events/customer-open.js';
export { DataController as _dataController } from '../../src/internal/data-controller.js';
export { StatesController as _states } from '../../src/internal/states.js';
export { tableAlternative as _tableAlternative } from '../../src/internal/table-alternative.js';
