// Asking the user for an e-mail and a password: from flags, from stdin for
// scripts (--password-stdin), or from the terminal with the password not echoed.
import { createInterface } from 'node:readline/promises';
import { CliError, UsageError } from './command.ts';

export interface PasswordSource {
  password?: string;
  'password-stdin'?: boolean;
}

export const PASSWORD_HELP = `  --password <password>  the password (visible in the process list: prefer the prompt or --password-stdin)
  --password-stdin       read the password from standard input (one line)`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (result: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      result();
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(value));
        if (char === '\u0003') return finish(() => reject(new CliError('cancelled', 130)));
        if (char === '\u0004' && value === '') return finish(() => reject(new CliError('no password given')));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    // Echo goes off before the prompt shows, so nothing typed after it is echoed.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The password from --password, --password-stdin or a hidden prompt; `confirm` asks twice on a terminal. */
export async function readPassword(source: PasswordSource, confirm = false): Promise<string> {
  if (source.password !== undefined && source['password-stdin']) throw new UsageError('give either --password or --password-stdin, not both');
  if (source.password !== undefined) return source.password;
  if (source['password-stdin']) {
    const password = (await readAll(process.stdin)).replace(/\r?\n$/, '');
    if (!password) throw new UsageError('--password-stdin read an empty password');
    return password;
  }
  if (!process.stdin.isTTY) throw new UsageError('no password given: use --password-stdin (or --password) when input is not a terminal');
  const password = await promptHidden('Password: ');
  if (confirm && (await promptHidden('Repeat password: ')) !== password) throw new CliError('the passwords do not match');
  return password;
}

/** The e-mail from --email, or asked on a terminal. */
export async function readEmail(email: string | undefined): Promise<string> {
  if (email !== undefined) return email;
  if (!process.stdin.isTTY) throw new UsageError('missing --email <email>');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('E-mail: ')).trim();
  } finally {
    rl.close();
  }
}
