// The worker entry: one EngineBackend per worker, reached over comlink (see WorkerEngine). Loaded as a module
// worker from a static URL, or bundled as a classic script for the blob-worker host.
import { expose } from 'comlink';
import { EngineBackend } from './backend.js';

expose(new EngineBackend());
