// The CLU authoring API and the analyze-conversations runtime, called with a
// Language resource's key at its endpoint, exactly as any CLU client calls
// them: long-running operations answer 202 with an operation-location, whose
// job state is polled until it is done.
import { request, responseError } from '../api/client.ts';
import { pacerFor } from '../luis/pacer.ts';

export const AUTHORING_VERSION = '2023-04-01';
export const RUNTIME_VERSION = '2024-11-01';

export type Project = { projectName: string; language: string; description?: string; createdDateTime?: string; lastTrainedDateTime?: string; lastDeployedDateTime?: string };
export type TrainedModel = { label: string; modelId: string; lastTrainedDateTime: string; lastTrainingDurationInSeconds: number };
export type Deployment = { deploymentName: string; modelId: string; lastTrainedDateTime: string; lastDeployedDateTime: string };
export type JobMessage = { code: string; message: string };
export type JobState = {
  jobId: string;
  status: 'notStarted' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'cancelling' | 'partiallyCompleted';
  errors?: JobMessage[];
  warnings?: JobMessage[];
  resultUrl?: string;
  result?: { modelLabel?: string; trainingStatus?: { percentComplete: number; status: string } };
};
export type CluEntity = { category: string; text: string; offset: number; length: number; confidenceScore: number };
export type CluPrediction = {
  topIntent: string;
  projectKind: string;
  intents: { category: string; confidenceScore: number }[];
  entities: CluEntity[];
};

export type CluConnection = { base: string; key: string };

const enc = encodeURIComponent;
const ACTIVE = ['notStarted', 'running', 'cancelling'];

/** A failed or cancelled job, with the messages the service gave. */
export class JobFailed extends Error {
  constructor(readonly job: JobState) {
    super(`The job ${job.status}${job.errors?.length ? `: ${job.errors.map((e) => e.message).join(' ')}` : '.'}`);
    this.name = 'JobFailed';
  }
}

export function cluClient(c: CluConnection, options: { pollMs?: number } = {}) {
  const headers = { 'Ocp-Apim-Subscription-Key': c.key };
  // The Language tiers allow 1,000 calls a minute: polling and listing stay well under it, and a 429 waits its Retry-After.
  const paced = pacerFor(c.key, 10);
  const pollMs = options.pollMs ?? 400;
  const projects = `${c.base}language/authoring/analyze-conversations/projects`;
  const v = (path: string) => `${path}${path.includes('?') ? '&' : '?'}api-version=${AUTHORING_VERSION}`;
  const call = <T>(path: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'GET', body?: unknown) =>
    paced(() => request<T>(v(`${projects}${path}`), { method, body, headers }));

  /** Where the job's state is, on this origin (the service names it with its own host). */
  const jobPath = (location: string) => {
    const here = globalThis.location?.origin;
    const url = new URL(location, here ?? c.base);
    return here && url.origin === here ? url.pathname + url.search : url.toString();
  };

  /** Starts a long-running operation; answers the job's address to poll. */
  const start = (path: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown) => paced(async () => {
    const response = await fetch(v(`${projects}${path}`), {
      method, headers: { ...headers, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await responseError(response);
    const location = response.headers.get('operation-location');
    if (!location) throw new Error(`${method} answered ${response.status} without an operation-location to follow.`);
    return jobPath(location);
  });

  const job = (location: string) => paced(() => request<JobState>(location, { headers }));

  /** Polls a job until it is done, telling `onUpdate` each state; a failed or cancelled job throws JobFailed. */
  const wait = async (location: string, onUpdate?: (state: JobState) => void): Promise<JobState> => {
    for (;;) {
      const state = await job(location);
      onUpdate?.(state);
      if (state.status === 'succeeded' || state.status === 'partiallyCompleted') return state;
      if (!ACTIVE.includes(state.status)) throw new JobFailed(state);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };

  const p = (name: string, rest = '') => `/${enc(name)}${rest}`;
  return {
    projects: async () => (await call<{ value: Project[] }>('')).value,
    project: (name: string) => call<Project>(p(name)),
    createProject: (body: { projectName: string; language: string; description?: string }) =>
      call<Project>(p(body.projectName), 'PATCH', { projectKind: 'Conversation', ...body }),
    deleteProject: async (name: string) => wait(await start(p(name), 'DELETE')),
    importProject: async (name: string, format: 'Conversation' | 'Luis', file: unknown) =>
      wait(await start(p(name, `/:import?format=${format}`), 'POST', file)),
    exportProject: async (name: string) => {
      const done = await wait(await start(p(name, '/:export?stringIndexType=Utf16CodeUnit'), 'POST'));
      if (!done.resultUrl) throw new Error('The export job finished without a result to download.');
      return paced(() => request<unknown>(jobPath(done.resultUrl!), { headers }));
    },
    train: async (name: string, modelLabel: string, onUpdate?: (state: JobState) => void) =>
      wait(await start(p(name, '/:train'), 'POST', { modelLabel, trainingMode: 'standard' }), onUpdate),
    models: async (name: string) => (await call<{ value: TrainedModel[] }>(p(name, '/models'))).value,
    deployments: async (name: string) => (await call<{ value: Deployment[] }>(p(name, '/deployments'))).value,
    /** `assignedResourceIds`: other resources (by id) whose keys are served this deployment too; none means the project's own resource only. */
    deploy: async (name: string, deploymentName: string, trainedModelLabel: string, assignedResourceIds: string[] = []) =>
      wait(await start(p(name, `/deployments/${enc(deploymentName)}`), 'PUT', { trainedModelLabel, ...(assignedResourceIds.length ? { assignedResourceIds } : {}) })),
    deleteDeployment: async (name: string, deploymentName: string) => wait(await start(p(name, `/deployments/${enc(deploymentName)}`), 'DELETE')),
    swap: async (name: string, firstDeploymentName: string, secondDeploymentName: string) =>
      wait(await start(p(name, '/deployments/:swap'), 'POST', { firstDeploymentName, secondDeploymentName })),
    /** POST /language/:analyze-conversations, offsets in UTF-16 code units (JavaScript's own). */
    predict: async (projectName: string, deploymentName: string, text: string) => {
      const answer = await paced(() => request<{ result: { query: string; prediction: CluPrediction } }>(
        `${c.base}language/:analyze-conversations?api-version=${RUNTIME_VERSION}`,
        {
          method: 'POST', headers,
          body: {
            kind: 'Conversation',
            analysisInput: { conversationItem: { id: '1', participantId: 'user', text } },
            parameters: { projectName, deploymentName, stringIndexType: 'Utf16CodeUnit' },
          },
        },
      ));
      return answer.result.prediction;
    },
  };
}

export type CluClient = ReturnType<typeof cluClient>;
