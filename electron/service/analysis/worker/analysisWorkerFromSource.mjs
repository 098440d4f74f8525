// Worker entry when running from source (serve, tests): Node 20 does not apply --import hooks
// to a worker's own entry file, so the TypeScript loader is registered here, then the worker runs.
import { register } from 'tsx/esm/api';

register();
await import('./analysisWorker.ts');
