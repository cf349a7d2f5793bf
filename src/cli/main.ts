// The `portico` command: `start` runs the server; the other commands talk to a
// running server's console API.
import { ConfigError } from '../config.ts';
import { CatalogError } from '../catalog/catalog.ts';
import { runStart, START_HELP } from './start.ts';

export const HELP = `Usage: portico <command> [options]

Server:
  start                        run Portico (see portico start --help for settings)

Run "portico <command> --help" for a command's options.`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await runStart(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(`${HELP}\n\n${START_HELP}`);
        return 0;
      default:
        console.error(`portico: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CatalogError) {
      console.error(`portico: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
