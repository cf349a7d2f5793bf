// A pool worker: loads the models once, then answers VisionJobs one at a time.
import { parentPort } from 'node:worker_threads';
import { areaOfInterest, gatherEvidence, loadModels, thumbnail, type AnalyzerModels } from '../analyzers/image-analyzer.ts';
import { readText } from '../analyzers/text-reading.ts';
import { readPdfPages } from '../analyzers/pdf-reading.ts';
import { VisionError } from '../vision-error.ts';
import type { JobResults, VisionJob } from './messages.ts';
import type { WorkerReply } from './worker-pool.ts';

const port = parentPort;
if (!port) throw new Error('vision-worker must run in a worker thread');
const reply = (message: WorkerReply) => port.postMessage(message);

async function run(models: AnalyzerModels, job: VisionJob): Promise<JobResults[keyof JobResults]> {
  if (job.op === 'readPdf') return readPdfPages(models.text, job.document, job.pages, job.dpi);
  const image = Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength);
  switch (job.op) {
    case 'evidence': return gatherEvidence(models, image, job.metadata, new Set(job.needs));
    case 'areaOfInterest': return areaOfInterest(models, image, job.metadata);
    case 'thumbnail': return thumbnail(models, image, job.metadata, job.thumbnail);
    case 'readText': {
      const pages = [];
      for (const page of job.pages) pages.push(await readText(models.text, image, job.metadata, { detectOrientation: job.detectOrientation, page }));
      return pages;
    }
  }
}

try {
  const models = await loadModels();
  port.on('message', async ({ id, request }: { id: number; request: VisionJob }) => {
    try {
      reply({ type: 'result', id, ok: true, value: await run(models, request) });
    } catch (e) {
      const error = e instanceof VisionError
        ? { code: e.code, message: e.message, statusCode: e.statusCode }
        : { code: 'FailedToProcess', message: `The image could not be processed: ${(e as Error).message}`, statusCode: 500 };
      reply({ type: 'result', id, ok: false, error });
    }
  });
  reply({ type: 'ready' });
} catch (e) {
  reply({ type: 'failed', message: `loading the models failed: ${(e as Error).message}` });
}
