// Worker threads start without the parent's TypeScript loader when the parent
// registered tsx through its API (bin/portico.js does), so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./train-worker.ts');
