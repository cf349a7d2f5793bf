// Runs the real `portico` bin as a child process, the way a user's shell
// does, with its own config folder (PORTICO_CONFIG_DIR) per simulated user.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bin/portico.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  env?: Record<string, string | undefined>;
}

/** The environment of the test process minus what would leak into the child (the test runner's own variables). */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.PORTICO_CONFIG_DIR;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Spawns `node bin/portico.js …args` asynchronously (the test's server shares this event loop). */
export function runPortico(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(options.env ?? {}), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A person at a shell: a config folder of their own, and a server endpoint to pass. */
export class CliUser {
  readonly configDir = mkdtempSync(join(tmpdir(), 'portico-cli-'));

  constructor(readonly endpoint: string) {}

  /** Runs a command with --endpoint appended unless `withEndpoint` is false. */
  run(args: string[], options: RunOptions & { withEndpoint?: boolean } = {}): Promise<CliResult> {
    const full = options.withEndpoint === false ? args : [...args, '--endpoint', this.endpoint];
    return runPortico(full, { ...options, env: { PORTICO_CONFIG_DIR: this.configDir, ...options.env } });
  }

  /** Runs a command that must succeed and returns its stdout parsed as JSON (--json is appended). */
  async json<T = any>(args: string[], options: RunOptions = {}): Promise<T> {
    const result = await this.run([...args, '--json'], options);
    if (result.code !== 0) throw new Error(`portico ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  async signUp(email: string, password = 'correct horse battery'): Promise<CliResult> {
    return this.run(['signup', '--email', email, '--password-stdin'], { input: `${password}\n` });
  }

  remove(): void {
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

let counter = 0;
export function uniqueEmail(label: string): string {
  return `${label}-${++counter}-${Date.now()}@example.com`;
}

/** An endpoint on a loopback port nothing listens on (bound, then released). */
export async function deadEndpoint(): Promise<string> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
