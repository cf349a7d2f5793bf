// A Portico server process for the scale tests and benchmark: the real
// start-up path (config from flags and env, node:cluster with --workers) with
// the test-only echo service mounted, accepting keys of the ScaleTest kind.
import { loadConfig } from '../../../src/config.ts';
import { startServer } from '../../../src/main.ts';
import { serveUntilStopped } from '../../../src/cluster/serve.ts';
import { echoService } from '../../support/echo-service.ts';
import { SCALE_KIND } from './catalog.ts';

const config = loadConfig(process.argv.slice(2));
process.exitCode = await serveUntilStopped(config.workers, () =>
  startServer(config, { services: [echoService({ accepts: [SCALE_KIND], meter: 'vision' })] }));
