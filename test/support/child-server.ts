// Starts a server script (test/support/echo-server-process.ts or the
// benchmark's) in a child process and waits for the JSON line it prints.
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EchoServerInfo } from './echo-server-process.ts';

export const ECHO_SERVER_SCRIPT = fileURLToPath(new URL('./echo-server-process.ts', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  info: EchoServerInfo;
  /** Resolves with the exit signal or code once the process is gone. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** SIGTERM: a clean stop that drains metering. */
  stop(): Promise<void>;
}

export async function startChildServer(script: string, args: string[], options: { execArgv?: string[]; timeoutMs?: number } = {}): Promise<ChildServer> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  // fork gives an IPC channel (the benchmark asks its server for counters through it).
  const child = fork(script, args, { execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])], env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const info = await new Promise<EchoServerInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed nothing within ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try { resolve(JSON.parse(line) as EchoServerInfo); } catch { reject(new Error(`${script} printed "${line}", not its JSON info line`)); }
    });
    exited.then((how) => { clearTimeout(timer); reject(new Error(`${script} exited (${how}) before it was ready`)); });
  });
  return {
    child, info, exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
