// What a `portico` command is, and the errors that end one. main.ts keeps a
// table of commands by name; a command with sub-commands (resource, luis, …)
// keeps its own table the same way.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliCommand {
  /** One line for `portico --help`. */
  summary: string;
  /** Full text for `portico <command> --help`. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** An error the user caused or the server reported: printed as `portico: <message>`, no stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Wrong arguments: exit code 2, like most Unix tools. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every client command takes. */
export const COMMON_OPTIONS = {
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const COMMON_HELP = `Common options:
  --endpoint <url>   Portico server (default: the one saved at login, else http://127.0.0.1:5080)
  --json             print JSON for scripts instead of tables
  -h, --help         show this help`;

export interface CommonValues {
  endpoint?: string;
  json?: boolean;
  help?: boolean;
}

interface CommandSpec<O extends OptionSpec> {
  summary: string;
  /** What follows `portico` in the usage line, e.g. `resource show <name>`. */
  usage: string;
  description: string;
  options: O;
  /** Help lines for the command's own options ('' for none). */
  optionHelp: string;
  positionals: { min: number; max: number; names: string };
  action(values: CommonValues & OptionValues<O>, positionals: string[]): Promise<number | void>;
}

type OptionValue<S> = S extends { type: 'boolean' } ? boolean : string;
/** A value per option; an option declared `multiple: true` gives the list of its values in order. */
type OptionValues<O extends OptionSpec> = { [K in keyof O]?: O[K] extends { multiple: true } ? OptionValue<O[K]>[] : OptionValue<O[K]> };

/** The command words of a usage line: `resource show <name>` → `resource show`. */
function commandPath(usage: string): string {
  const words = usage.split(' ');
  const end = words.findIndex((w) => /^[<[-]/.test(w));
  return words.slice(0, end === -1 ? undefined : end).join(' ');
}

/** A leaf command: strict option parsing (unknown options are usage errors), the common options and --help. */
export function defineCommand<O extends OptionSpec>(spec: CommandSpec<O>): CliCommand {
  const options = spec.optionHelp ? `Options:\n${spec.optionHelp}\n\n` : '';
  const help = `Usage: portico ${spec.usage}\n\n${spec.description}\n\n${options}${COMMON_HELP}`;
  return {
    summary: spec.summary,
    help,
    async run(argv) {
      if (argv.includes('--help') || argv.includes('-h')) {
        console.log(help);
        return 0;
      }
      let parsed;
      try {
        parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...spec.options }, allowPositionals: true, strict: true });
      } catch (err) {
        throw new UsageError(`${(err as Error).message}; see "portico ${commandPath(spec.usage)} --help"`);
      }
      const count = parsed.positionals.length;
      if (count < spec.positionals.min) throw new UsageError(`missing ${spec.positionals.names}; usage: portico ${spec.usage}`);
      if (count > spec.positionals.max) throw new UsageError(`unexpected argument "${parsed.positionals[spec.positionals.max]}"; usage: portico ${spec.usage}`);
      return (await spec.action(parsed.values as CommonValues & OptionValues<O>, parsed.positionals)) ?? 0;
    },
  };
}

/** A command made of sub-commands (`portico resource list`), dispatched by name. */
export function commandGroup(name: string, summary: string, intro: string, subcommands: Record<string, CliCommand>, defaultCommand?: CliCommand): CliCommand {
  const usage = defaultCommand ? `Usage: portico ${name} [options]\n       portico ${name} <command> [options]` : `Usage: portico ${name} <command> [options]`;
  const list = Object.entries(subcommands).map(([sub, c]) => `  ${sub.padEnd(26)} ${c.summary}`).join('\n');
  const help = `${usage}\n\n${intro}\n\nCommands:\n${list}\n\nRun "portico ${name} <command> --help" for a command's options.`;
  return {
    summary,
    help,
    async run(argv) {
      const [sub, ...rest] = argv;
      if (sub === '--help' || sub === '-h' || sub === 'help') {
        console.log(help);
        return 0;
      }
      if (defaultCommand && (sub === undefined || sub.startsWith('-'))) return defaultCommand.run(argv);
      if (sub === undefined) {
        console.error(help);
        return 2;
      }
      const command = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
      if (!command) throw new UsageError(`unknown command "${name} ${sub}"; run "portico ${name} --help"`);
      return command.run(rest);
    },
  };
}
