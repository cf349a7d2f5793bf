// Authoring jobs as CLU reports them: every long-running operation answers 202
// with an `operation-location` naming a job, whose state clients poll until it
// is succeeded, failed or cancelled. The job's kind decides where it lives.
import { randomUUID } from 'node:crypto';
import type { JobRow } from './store/jobs.ts';
import type { JobKind, JobStatus } from './store/tables.ts';
import { DAY_MS } from '../util/clock.ts';

export interface JobMessage { code: string; message: string }

export interface JobDetail {
  errors?: JobMessage[];
  warnings?: JobMessage[];
  /** Train: the job's result (model label, training config, sub-job states). */
  result?: Record<string, unknown>;
  /** Deploy and undeploy: the deployment the job is about. */
  deploymentName?: string;
  /** Export: the exported project, served at the job's resultUrl. */
  exported?: unknown;
}

/** Azure keeps a job's state for seven days after it was created. */
const JOB_LIFETIME_MS = 7 * DAY_MS;

export function newJob(resourceId: string, projectName: string, kind: JobKind, now: number, status: JobStatus, detail: JobDetail = {}): JobRow {
  return { id: randomUUID(), resource_id: resourceId, project_name: projectName, kind, status, created_at: now, updated_at: now, detail: JSON.stringify(detail) };
}

/** The job's path under `/language/authoring/analyze-conversations/projects/`. */
export function jobPath(job: JobRow): string {
  const project = encodeURIComponent(job.project_name);
  const detail = JSON.parse(job.detail) as JobDetail;
  switch (job.kind) {
    case 'import': return `${project}/import/jobs/${job.id}`;
    case 'export': return `${project}/export/jobs/${job.id}`;
    case 'train': return `${project}/train/jobs/${job.id}`;
    case 'deploy':
    case 'undeploy': return `${project}/deployments/${encodeURIComponent(detail.deploymentName ?? '')}/jobs/${job.id}`;
    case 'swap': return `${project}/deployments/swap/jobs/${job.id}`;
    case 'delete': return `global/deletion-jobs/${job.id}`;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The job state body; `resultUrl` is where an export's result is fetched. */
export function jobState(job: JobRow, resultUrl?: string): Record<string, unknown> {
  const detail = JSON.parse(job.detail) as JobDetail;
  return {
    jobId: job.id,
    createdDateTime: iso(job.created_at),
    lastUpdatedDateTime: iso(job.updated_at),
    expirationDateTime: iso(job.created_at + JOB_LIFETIME_MS),
    status: job.status,
    ...(detail.warnings?.length ? { warnings: detail.warnings } : {}),
    ...(detail.errors?.length ? { errors: detail.errors } : {}),
    ...(job.kind === 'train' ? { result: detail.result } : {}),
    ...(job.kind === 'export' && job.status === 'succeeded' && resultUrl ? { resultUrl } : {}),
  };
}
