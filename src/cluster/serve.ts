// Runs a server until SIGINT/SIGTERM: in this process, or, with more than one
// worker, as the primary of a node:cluster whose workers each run it.
import cluster from 'node:cluster';
import { LISTENING_MESSAGE, superviseWorkers, type ListeningMessage } from './supervisor.ts';

export interface Serving {
  banner: string[];
  close(): Promise<void>;
}

export async function serveUntilStopped(workers: number, start: () => Promise<Serving>): Promise<number> {
  if (workers > 1 && cluster.isPrimary) return superviseWorkers({ workers });
  const server = await start();
  if (cluster.isWorker) {
    const message: ListeningMessage = { type: LISTENING_MESSAGE, banner: server.banner };
    process.send!(message);
  } else {
    console.log(server.banner.join('\n'));
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  // The channel to the primary would keep a worker alive after its server closed.
  if (cluster.isWorker) process.disconnect();
  return 0;
}
