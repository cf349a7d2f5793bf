// The `portico` command: `start` runs the server; the other commands talk to a
// running server's console API. COMMANDS is the one table of commands: a new
// one (e.g. `luis` from ./luis.ts) is one more entry.
import { CliError, UsageError, type CliCommand } from './command.ts';
import { signupCommand, loginCommand, logoutCommand } from './session.ts';
import { accountCommand } from './account.ts';
import { resourceCommand } from './resource.ts';
import { luisCommand } from './luis.ts';
import { cluCommand } from './clu.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { rotateMasterKeyCommand } from './rotate-master-key.ts';

// The server's modules load only for `start`, so client commands start fast.
const startCommand: CliCommand = {
  summary: 'run the Portico server (see portico start --help for settings)',
  help: 'Usage: portico start [options]\n\nRun "portico start --help" for the settings.',
  async run(argv) {
    const [{ runStart }, { ConfigError }, { CatalogError }] = await Promise.all([
      import('./start.ts'), import('../config.ts'), import('../catalog/catalog.ts'),
    ]);
    try {
      return await runStart(argv);
    } catch (err) {
      if (err instanceof ConfigError || err instanceof CatalogError) throw new UsageError(err.message);
      throw err;
    }
  },
};

export const COMMANDS: Record<string, CliCommand> = {
  start: startCommand,
  signup: signupCommand,
  login: loginCommand,
  logout: logoutCommand,
  account: accountCommand,
  resource: resourceCommand,
  luis: luisCommand,
  clu: cluCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'rotate-master-key': rotateMasterKeyCommand,
};

export function help(): string {
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`).join('\n');
  return `Usage: portico <command> [options]

Commands:
${list}

The client commands talk to a running server: --endpoint <url> (default: the one
saved at login, else http://127.0.0.1:5080); --json prints JSON for scripts.
Run "portico <command> --help" for a command's options.`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      console.log(help());
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      console.error(`portico: unknown command "${name}"\n\n${help()}`);
      return 2;
    }
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`portico: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
