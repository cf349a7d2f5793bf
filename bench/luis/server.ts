// The benchmark's server process: Portico with the LUIS service (and CLU when
// the third argument says `luis,clu`), SQLite in a fresh folder, and the
// catalogue given on the command line. Prints one JSON
// line with its URL once it listens; stops on SIGTERM.
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main.ts';
import { luisModule } from '../../src/luis/module.ts';
import { cluModule } from '../../src/clu/module.ts';

const [dataDir, catalogPath, services = 'luis'] = process.argv.slice(2);
const modules = { luis: luisModule, clu: cluModule };
const config = loadConfig([], { PORT: '0', HOST: '127.0.0.1', PORTICO_DATA_DIR: dataDir, PORTICO_CATALOG: catalogPath, PORTICO_NO_DEMO: 'true', LOG_LEVEL: 'warn' });
const server = await startServer(config, { logger: false, services: services.split(',').map((name) => modules[name as keyof typeof modules]()) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
