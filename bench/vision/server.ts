// The vision benchmark's server process: Portico with the Computer Vision
// service (v3.2 and Image Analysis 4.0, one worker per core), SQLite in a
// fresh folder, and the catalogue given on the command line. Prints one JSON
// line with its URL once it listens; stops on SIGTERM.
import { availableParallelism } from 'node:os';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main.ts';
import { visionService } from '../../src/vision/service.ts';

const [dataDir, catalogPath] = process.argv.slice(2);
const config = loadConfig([], { PORT: '0', HOST: '127.0.0.1', PORTICO_DATA_DIR: dataDir, PORTICO_CATALOG: catalogPath, PORTICO_NO_DEMO: 'true', LOG_LEVEL: 'warn' });
const server = await startServer(config, { logger: false, services: [visionService({ workers: availableParallelism(), timeoutMs: 120_000 })] });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
