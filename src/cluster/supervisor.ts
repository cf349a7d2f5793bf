// The primary process of `portico start --workers N` (node:cluster): it serves
// nothing itself. The first worker starts alone, so that one-time work
// (migrations, the demo account) happens once; the others follow when it
// listens. A worker that dies is replaced; SIGINT/SIGTERM stops them all.
import cluster, { type Worker } from 'node:cluster';

export const LISTENING_MESSAGE = 'portico:listening';

export interface ListeningMessage {
  type: typeof LISTENING_MESSAGE;
  banner: string[];
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  return typeof message === 'object' && message !== null && (message as ListeningMessage).type === LISTENING_MESSAGE;
}

/** A worker that crashes again this soon after its start is replaced after a pause, not at once. */
const QUICK_CRASH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

export interface SupervisorOptions {
  workers: number;
  log?: (line: string) => void;
}

export async function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  let stopping = false;
  let bannerShown = false;
  const live = new Set<Worker>();

  const fork = (): Promise<boolean> => new Promise((resolve) => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    live.add(worker);
    let listening = false;
    worker.on('message', (message: unknown) => {
      if (!isListeningMessage(message) || listening) return;
      listening = true;
      resolve(true);
      if (!bannerShown) log(message.banner.join('\n'));
      bannerShown = true;
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (!listening) resolve(false);
      if (stopping || !listening) return;
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      const pause = Date.now() - startedAt < QUICK_CRASH_MS ? RESTART_PAUSE_MS : 0;
      log(`portico: worker ${worker.process.pid} stopped (${why}); starting a replacement`);
      setTimeout(() => { if (!stopping) void fork(); }, pause);
    });
  });

  if (!(await fork())) {
    log('portico: the first worker failed to start; see its error above');
    return 1;
  }
  const others = await Promise.all(Array.from({ length: options.workers - 1 }, fork));
  if (others.some((ok) => !ok)) log('portico: a worker failed to start; see its error above');
  log(`portico: ${live.size} workers serving (primary pid ${process.pid})`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopping = true;
  const exited = [...live].map((w) => new Promise<void>((resolve) => {
    if (w.isDead()) return resolve();
    w.once('exit', () => resolve());
    w.process.kill('SIGTERM');
  }));
  await Promise.all(exited);
  return 0;
}
