// The benchmark's server process: the echo server (test/support), plus an IPC
// channel to read the metering counters and, for measuring what metering
// costs, to switch its database writes off between runs.
import { runEchoServerProcess } from '../../test/support/echo-server-process.ts';

export type BenchRequest = { type: 'stats' } | { type: 'metering-writes'; on: boolean };
export interface BenchStats {
  type: 'stats';
  batches: number;
  /** CPU time the server process has used, user + system, in microseconds. */
  cpuMicros: number;
}

const server = await runEchoServerProcess(process.argv.slice(2));
const { recorder } = server.platform;
const record = recorder.record.bind(recorder);
// Measurement only: with writes off the gateway still does every check and
// hands the call to the recorder, which answers at once and stores nothing.
const skipWrite: typeof recorder.record = () => Promise.resolve();

process.on('message', (message: BenchRequest) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send!({ type: 'stats', batches: recorder.batches, cpuMicros: cpu.user + cpu.system } satisfies BenchStats);
  }
  if (message.type === 'metering-writes') {
    recorder.record = message.on ? record : skipWrite;
    process.send!({ type: 'metering-writes', on: message.on });
  }
});
