// `portico start`: run the server in this process until SIGINT/SIGTERM.
import { configHelp, loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { serveUntilStopped } from '../cluster/serve.ts';

export const START_HELP = `Usage: portico start [options]

Starts Portico: the console API and portal, the gateway and the services.
On the first start with an empty database it creates a demo account and prints
its login and keys (--no-demo turns that off).

${configHelp()}`;

export async function runStart(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(START_HELP);
    return 0;
  }
  const config = loadConfig(argv);
  // --workers N: this process supervises N node:cluster workers that share the port.
  return serveUntilStopped(config.workers, () => startServer(config));
}
