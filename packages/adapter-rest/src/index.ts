export { type FileReadOptions, filePager } from './file-pager.js';
export { type RestAdapterOptions, type RestSource, restAdapter, restPager } from './rest-adapter.js';
