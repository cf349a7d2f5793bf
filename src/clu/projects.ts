// The CLU authoring domain: a Language resource's projects, their import and
// export, training on Portico's engine (off the request path, on the shared
// training thread), trained models, deployments and swaps. Every long-running
// operation is a job; HTTP lives in authoring/.
import type { Clock } from '../util/clock.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { AppValidationError, parseLuisApp } from '../nlu/index.ts';
import type { Trainer } from '../training/trainer.ts';
import * as repo from './store/projects.ts';
import * as jobsRepo from './store/jobs.ts';
import type { CluDb } from './store/tables.ts';
import { checkLanguage, emptyAssets, normalizeAssets, PROJECT_FILE_VERSION, type Assets, type ProjectMetadataInput, AssetsSchema } from './project/assets.ts';
import { engineProject } from './project/engine-app.ts';
import { assetsFromLuis } from './project/from-luis.ts';
import { newJob, type JobDetail } from './jobs.ts';
import { LANGUAGE_KINDS as DEPLOYABLE_KINDS } from './kinds.ts';
import type { Static } from '@sinclair/typebox';

/** The training configuration Portico's engine answers to (CLU names its model versions by date). */
export const TRAINING_CONFIG_VERSION = '2022-09-01';
/** Trained models of CLU expire; Portico keeps them, and reports a date far ahead. */
const MODEL_EXPIRATION_DATE = '2099-12-31';
const LIMITS = { projectsPerResource: 500, modelsPerProject: 10, deploymentsPerProject: 10 };
const TRAINING_SEED = 1;

export const projectNotFound = (name: string) => new ApiError(404, 'ProjectNotFound', `The project ${name} could not be found.`);
/** The Language resource that deploys: its id, and its account, whose resources it may roll a deployment out to. */
export interface DeployingResource { id: string; accountId: string }

export const notFoundIn = (what: string, project: string) => new ApiError(404, 'NotFound', `${what} could not be found in project ${project}.`);

export interface ProjectUpdate {
  projectKind: string;
  language: string;
  multilingual?: boolean;
  description?: string;
  settings?: { confidenceThreshold: number };
}

export type ImportFormat = 'Conversation' | 'Luis';

/** An account's resources as the platform lists them (what a deployment may be rolled out to is chosen among them). */
export type AccountResources = (accountId: string) => Promise<ReadonlyArray<{ id: string; name: string; kind: string }>>;

export class CluProjects {
  constructor(
    private db: CluDb,
    private clock: Clock,
    private trainer: Trainer,
    /** Hears every change of what a project's deployments serve. */
    private deploymentsChanged: (resourceId: string, project: string) => void,
    private accountResources: AccountResources,
  ) {}

  private running = new Set<Promise<void>>();

  async project(resourceId: string, name: string): Promise<repo.ProjectRow> {
    const row = await repo.findProject(this.db, resourceId, name);
    if (!row) throw projectNotFound(name);
    return row;
  }

  list(resourceId: string): Promise<repo.ProjectRow[]> {
    return repo.listProjects(this.db, resourceId);
  }

  /** PATCH .../projects/{name}: creates the project, or updates the fields it may change. Answers whether it was created. */
  async createOrUpdate(resourceId: string, name: string, input: Partial<ProjectUpdate>): Promise<{ created: boolean; row: repo.ProjectRow }> {
    const existing = await repo.findProject(this.db, resourceId, name);
    if (input.projectKind !== undefined && input.projectKind !== 'Conversation') {
      throw badRequest('projectKind: only Conversation projects are supported; Orchestration projects are not.', 'InvalidArgument');
    }
    if (input.multilingual) throw badRequest('multilingual: Portico\'s engine understands English only, so a project cannot be multilingual.', 'InvalidArgument');
    if (input.language !== undefined) checkLanguage(input.language, 'language');
    const now = this.clock.now();
    if (existing) {
      if (input.language !== undefined && input.language.toLowerCase() !== existing.language) {
        throw badRequest(`language: a project's language is set when it is created (${existing.language}).`, 'InvalidArgument');
      }
      const row = { ...existing, description: input.description ?? existing.description,
        confidence_threshold: input.settings?.confidenceThreshold ?? existing.confidence_threshold, modified_at: now };
      await repo.saveProject(this.db, row);
      return { created: false, row };
    }
    if (!input.projectKind) throw badRequest('projectKind is required to create a project.', 'InvalidArgument');
    if (!input.language) throw badRequest('language is required to create a project.', 'InvalidArgument');
    return { created: true, row: await this.insert(resourceId, name, input as ProjectUpdate, emptyAssets()) };
  }

  private async insert(resourceId: string, name: string, input: ProjectUpdate, assets: Assets): Promise<repo.ProjectRow> {
    if ((await repo.countProjects(this.db, resourceId)) >= LIMITS.projectsPerResource) {
      throw badRequest(`A Language resource may have at most ${LIMITS.projectsPerResource} projects.`, 'InvalidArgument');
    }
    const now = this.clock.now();
    const row: repo.ProjectRow = {
      resource_id: resourceId, project_name: name, language: input.language.toLowerCase(), multilingual: 0,
      description: input.description ?? '', confidence_threshold: input.settings?.confidenceThreshold ?? 0,
      assets: JSON.stringify(assets), created_at: now, modified_at: now, trained_at: null, deployed_at: null,
    };
    await repo.saveProject(this.db, row);
    return row;
  }

  /**
   * `:import`: the project's content is replaced by the file's (CLU's format or a
   * LUIS app's export). It is read and checked here, so a bad file is a 400 now;
   * the job that follows is already done, with warnings of what a LUIS app lost.
   */
  async import(resourceId: string, name: string, body: unknown, format: ImportFormat): Promise<jobsRepo.JobRow> {
    const { assets, metadata, warnings } = format === 'Luis' ? fromLuis(body, name) : fromClu(body as CluFile, name);
    engineProject(name, assets); // refuses now what could not be trained later
    const existing = await repo.findProject(this.db, resourceId, name);
    if (existing) {
      await repo.saveProject(this.db, { ...existing, assets: JSON.stringify(assets), description: metadata.description ?? existing.description,
        confidence_threshold: metadata.settings?.confidenceThreshold ?? existing.confidence_threshold, modified_at: this.clock.now() });
    } else {
      await this.insert(resourceId, name, metadata, assets);
    }
    return this.finished(resourceId, name, 'import', { warnings });
  }

  async export(resourceId: string, name: string, trainedModelLabel?: string): Promise<jobsRepo.JobRow> {
    const project = await this.project(resourceId, name);
    let assets = project.assets;
    if (trainedModelLabel !== undefined) {
      const model = await repo.findModel(this.db, resourceId, name, trainedModelLabel);
      if (!model) throw notFoundIn(`The trained model ${trainedModelLabel}`, name);
      assets = model.assets;
    }
    const exported = {
      projectFileVersion: PROJECT_FILE_VERSION,
      stringIndexType: 'Utf16CodeUnit',
      metadata: projectMetadata(project),
      assets: JSON.parse(assets) as Assets,
    };
    return this.finished(resourceId, name, 'export', { exported });
  }

  async assets(resourceId: string, name: string): Promise<Assets> {
    return JSON.parse((await this.project(resourceId, name)).assets) as Assets;
  }

  // ---- training -------------------------------------------------------------

  async train(resourceId: string, name: string, options: { modelLabel: string; trainingMode: string; trainingConfigVersion?: string }): Promise<jobsRepo.JobRow> {
    if (options.trainingMode !== 'standard') {
      throw badRequest(`trainingMode "${options.trainingMode}" is not available: Portico trains its own engine, which is CLU's standard training; use "standard".`, 'InvalidArgument');
    }
    if (options.trainingConfigVersion !== undefined && options.trainingConfigVersion !== TRAINING_CONFIG_VERSION && options.trainingConfigVersion !== 'latest') {
      throw badRequest(`trainingConfigVersion "${options.trainingConfigVersion}" is not available; Portico trains with ${TRAINING_CONFIG_VERSION} (GET .../projects/global/training-config-versions).`, 'InvalidArgument');
    }
    const project = await this.project(resourceId, name);
    const models = await repo.listModels(this.db, resourceId, name);
    if (!models.some((m) => m.label === options.modelLabel) && models.length >= LIMITS.modelsPerProject) {
      throw badRequest(`A project may keep at most ${LIMITS.modelsPerProject} trained models; delete one first.`, 'InvalidArgument');
    }
    const assets = JSON.parse(project.assets) as Assets;
    if (assets.intents.length < 2 || assets.utterances.length === 0) {
      throw badRequest('The project needs at least one intent besides None and labelled utterances before it can be trained.', 'InvalidArgument');
    }
    const now = this.clock.now();
    const job = newJob(resourceId, name, 'train', now, 'notStarted', { result: trainingResult(options.modelLabel, 'notStarted', 0) });
    await jobsRepo.insertJob(this.db, job);
    this.enqueue(job, options.modelLabel);
    return job;
  }

  private enqueue(job: jobsRepo.JobRow, modelLabel: string): void {
    const run = this.runTraining(job, modelLabel).catch(async (err) => {
      await this.settle(job.id, 'failed', { result: trainingResult(modelLabel, 'failed', 0), errors: [{ code: 'InternalServerError', message: (err as Error).message }] }).catch(() => undefined);
    }).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async runTraining(job: jobsRepo.JobRow, modelLabel: string): Promise<void> {
    const project = await repo.findProject(this.db, job.resource_id, job.project_name);
    if (!project) return this.settle(job.id, 'failed', { result: trainingResult(modelLabel, 'failed', 0), errors: [{ code: 'ProjectNotFound', message: 'The project was deleted before it was trained.' }] });
    const assets = JSON.parse(project.assets) as Assets;
    const { app } = engineProject(project.project_name, assets);
    const started = this.clock.now();
    const reply = await this.trainer.train(app, TRAINING_SEED, () => {
      void this.settle(job.id, 'running', { result: trainingResult(modelLabel, 'running', 0, started) }).catch(() => undefined);
    });
    const current = await jobsRepo.findJob(this.db, job.resource_id, 'train', job.id);
    if (!current || current.status === 'cancelled') return;
    const ended = this.clock.now();
    if (!reply.ok) {
      return this.settle(job.id, 'failed', { result: trainingResult(modelLabel, 'failed', 0, started, ended), errors: [{ code: 'InvalidRequest', message: `Training failed: ${reply.reason}` }] });
    }
    if (!(await repo.findProject(this.db, job.resource_id, job.project_name))) return this.settle(job.id, 'failed', { result: trainingResult(modelLabel, 'failed', 0), errors: [{ code: 'ProjectNotFound', message: 'The project was deleted while it trained.' }] });
    await repo.saveModel(this.db, {
      resource_id: job.resource_id, project_name: job.project_name, label: modelLabel,
      // The training job's id: unique across resources (the runtime's cache key) and within the column's 36 characters.
      model_id: job.id,
      trained_at: ended, training_ms: ended - started, assets: project.assets, data: Buffer.from(reply.model).toString('base64'),
    });
    await repo.updateProject(this.db, job.resource_id, job.project_name, { trained_at: ended });
    // A deployment of this label now serves the new model, as in CLU (a label retrained in place).
    this.deploymentsChanged(job.resource_id, job.project_name);
    await this.settle(job.id, 'succeeded', { result: trainingResult(modelLabel, 'succeeded', 100, started, ended) });
  }

  private async settle(id: string, status: jobsRepo.JobRow['status'], detail: JobDetail): Promise<void> {
    await jobsRepo.updateJob(this.db, id, { status, detail: JSON.stringify(detail), updated_at: this.clock.now() });
  }

  async cancelTraining(resourceId: string, name: string, jobId: string): Promise<jobsRepo.JobRow> {
    const job = await this.job(resourceId, name, 'train', jobId);
    if (job.status !== 'notStarted' && job.status !== 'running') {
      throw badRequest(`Training job ${jobId} is ${job.status}; only a job that has not finished can be cancelled.`, 'InvalidRequest');
    }
    const detail = JSON.parse(job.detail) as JobDetail;
    const label = String(detail.result?.modelLabel ?? '');
    await this.settle(jobId, 'cancelled', { result: trainingResult(label, 'cancelled', 0) });
    return (await jobsRepo.findJob(this.db, resourceId, 'train', jobId))!;
  }

  /** Re-runs trainings a stopped process left unfinished. */
  async resume(): Promise<void> {
    for (const job of await jobsRepo.unfinishedJobs(this.db, 'train')) {
      const detail = JSON.parse(job.detail) as JobDetail;
      this.enqueue(job, String(detail.result?.modelLabel ?? ''));
    }
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  // ---- models and deployments ---------------------------------------------

  async models(resourceId: string, name: string): Promise<repo.ModelMeta[]> {
    await this.project(resourceId, name);
    return repo.listModels(this.db, resourceId, name);
  }

  async model(resourceId: string, name: string, label: string): Promise<repo.ModelMeta> {
    await this.project(resourceId, name);
    const model = await repo.findModelMeta(this.db, resourceId, name, label);
    if (!model) throw notFoundIn(`The trained model ${label}`, name);
    return model;
  }

  async deleteModel(resourceId: string, name: string, label: string): Promise<void> {
    await this.model(resourceId, name, label);
    const serving = (await repo.listDeployments(this.db, resourceId, name)).filter((d) => d.model_label === label);
    if (serving.length) {
      throw badRequest(`The trained model ${label} is deployed to ${serving.map((d) => d.deployment_name).join(', ')}; delete or redeploy ${serving.length === 1 ? 'that deployment' : 'those deployments'} first.`, 'InvalidRequest');
    }
    await repo.deleteModel(this.db, resourceId, name, label);
  }

  async deployments(resourceId: string, name: string): Promise<Array<repo.DeploymentRow & { model: repo.ModelMeta }>> {
    await this.project(resourceId, name);
    const models = new Map((await repo.listModels(this.db, resourceId, name)).map((m) => [m.label, m]));
    return (await repo.listDeployments(this.db, resourceId, name)).map((d) => ({ ...d, model: models.get(d.model_label)! }));
  }

  async deployment(resourceId: string, name: string, deploymentName: string): Promise<repo.DeploymentRow & { model: repo.ModelMeta }> {
    const found = (await this.deployments(resourceId, name)).find((d) => d.deployment_name === deploymentName);
    if (!found) throw notFoundIn(`The deployment ${deploymentName}`, name);
    return found;
  }

  /**
   * Deploys a trained model under a name, on the project's own resource and on
   * the resources `assignedResourceIds` names (Azure's multi-region rollout):
   * each the owner's Language or multi-service resource, by its id or its
   * Azure resource id (…/providers/Microsoft.CognitiveServices/accounts/<name>).
   */
  async deploy(owner: DeployingResource, name: string, deploymentName: string, trainedModelLabel: string, assignedResourceIds: readonly string[] = []): Promise<jobsRepo.JobRow> {
    const resourceId = owner.id;
    await this.model(resourceId, name, trainedModelLabel);
    const existing = await repo.listDeployments(this.db, resourceId, name);
    if (!existing.some((d) => d.deployment_name === deploymentName) && existing.length >= LIMITS.deploymentsPerProject) {
      throw badRequest(`A project may have at most ${LIMITS.deploymentsPerProject} deployments.`, 'InvalidArgument');
    }
    const assigned = await this.assignable(owner, name, deploymentName, assignedResourceIds);
    const now = this.clock.now();
    await repo.saveDeployment(this.db, { resource_id: resourceId, project_name: name, deployment_name: deploymentName, model_label: trainedModelLabel, deployed_at: now }, assigned);
    await repo.updateProject(this.db, resourceId, name, { deployed_at: now });
    this.deploymentsChanged(resourceId, name);
    return this.finished(resourceId, name, 'deploy', { deploymentName });
  }

  /** The ids of the resources a deployment may be rolled out to; 400 naming the entry that is not one. */
  private async assignable(owner: DeployingResource, project: string, deployment: string, given: readonly string[]): Promise<string[]> {
    const ids = new Set<string>();
    const resources = given.length ? await this.accountResources(owner.accountId) : [];
    for (const [i, value] of given.entries()) {
      const field = `assignedResourceIds[${i}]`;
      const armName = /\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)\/?$/i.exec(value)?.[1];
      const found = resources.find((r) => (armName !== undefined ? r.name === armName : r.id === value));
      if (!found) throw badRequest(`${field}: "${value}" is not a resource of this account; give a resource's id or its Azure resource id (…/providers/Microsoft.CognitiveServices/accounts/<name>).`, 'InvalidArgument');
      if (!(DEPLOYABLE_KINDS as readonly string[]).includes(found.kind)) {
        throw badRequest(`${field}: resource ${found.name} is a ${found.kind} resource; a deployment is rolled out to Language (TextAnalytics) or multi-service (CognitiveServices) resources only.`, 'InvalidArgument');
      }
      if (found.id === owner.id) continue; // the project's own resource always serves its deployments
      const taken = await repo.assignedDeploymentOwner(this.db, found.id, project, deployment);
      if (taken !== undefined && taken !== owner.id) {
        throw new ApiError(409, 'Conflict', `${field}: resource ${found.name} already serves deployment ${deployment} of a project ${project} of another Language resource.`);
      }
      ids.add(found.id);
    }
    return [...ids];
  }

  async undeploy(resourceId: string, name: string, deploymentName: string): Promise<jobsRepo.JobRow> {
    await this.deployment(resourceId, name, deploymentName);
    await repo.deleteDeployment(this.db, resourceId, name, deploymentName);
    this.deploymentsChanged(resourceId, name);
    return this.finished(resourceId, name, 'undeploy', { deploymentName });
  }

  async swap(resourceId: string, name: string, first: string, second: string): Promise<jobsRepo.JobRow> {
    if (first === second) throw badRequest('firstDeploymentName and secondDeploymentName must name two different deployments.', 'InvalidArgument');
    const a = await this.deployment(resourceId, name, first);
    const b = await this.deployment(resourceId, name, second);
    await repo.swapDeployments(this.db, a, b, this.clock.now());
    this.deploymentsChanged(resourceId, name);
    return this.finished(resourceId, name, 'swap');
  }

  async deleteProject(resourceId: string, name: string): Promise<jobsRepo.JobRow> {
    await this.project(resourceId, name);
    await repo.deleteProject(this.db, resourceId, name);
    this.deploymentsChanged(resourceId, name);
    return this.finished(resourceId, name, 'delete');
  }

  async job(resourceId: string, name: string, kind: jobsRepo.JobRow['kind'], jobId: string, deploymentName?: string): Promise<jobsRepo.JobRow> {
    const job = await jobsRepo.findJob(this.db, resourceId, kind === 'undeploy' ? 'deploy' : kind, jobId)
      ?? (kind === 'deploy' ? await jobsRepo.findJob(this.db, resourceId, 'undeploy', jobId) : undefined);
    const sameDeployment = deploymentName === undefined || (JSON.parse(job?.detail ?? '{}') as JobDetail).deploymentName === deploymentName;
    if (!job || (kind !== 'delete' && job.project_name !== name) || !sameDeployment) {
      throw new ApiError(404, 'OperationNotFound', `There is no ${kind} job ${jobId}${kind === 'delete' ? '' : ` in project ${name}`}.`);
    }
    return job;
  }

  async trainingJobs(resourceId: string, name: string): Promise<jobsRepo.JobRow[]> {
    await this.project(resourceId, name);
    return jobsRepo.listJobs(this.db, resourceId, name, 'train');
  }

  /** A job whose work is already done when it is created (everything but training). */
  private async finished(resourceId: string, name: string, kind: jobsRepo.JobRow['kind'], detail: JobDetail = {}): Promise<jobsRepo.JobRow> {
    const job = newJob(resourceId, name, kind, this.clock.now(), 'succeeded', detail);
    await jobsRepo.insertJob(this.db, job);
    return job;
  }
}

type CluFile = { projectFileVersion: string; metadata: ProjectMetadataInput; assets?: Static<typeof AssetsSchema> };

function fromClu(file: CluFile, name: string): { assets: Assets; metadata: ProjectUpdate; warnings: JobDetail['warnings'] } {
  if (file.metadata.projectName !== name) {
    throw badRequest(`metadata.projectName "${file.metadata.projectName}" differs from the project in the path, "${name}".`, 'InvalidArgument');
  }
  if (file.metadata.projectKind !== 'Conversation') throw badRequest('metadata.projectKind: only Conversation projects are supported; Orchestration projects are not.', 'InvalidArgument');
  if (file.metadata.multilingual) throw badRequest('metadata.multilingual: Portico\'s engine understands English only, so a project cannot be multilingual.', 'InvalidArgument');
  checkLanguage(file.metadata.language, 'metadata.language');
  return { assets: normalizeAssets(file.assets), metadata: file.metadata, warnings: [] };
}

function fromLuis(body: unknown, name: string): { assets: Assets; metadata: ProjectUpdate; warnings: JobDetail['warnings'] } {
  let app;
  try {
    app = parseLuisApp(body);
  } catch (err) {
    if (err instanceof AppValidationError) throw badRequest(`The LUIS app is not valid: ${err.message}`, 'InvalidArgument');
    throw err;
  }
  checkLanguage(app.culture, 'culture');
  const migrated = assetsFromLuis(app);
  return { assets: normalizeAssets(migrated.assets), metadata: { projectKind: 'Conversation', language: 'en-us', description: migrated.description }, warnings: migrated.warnings };
}

export function projectMetadata(row: repo.ProjectRow): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? undefined : new Date(Number(ms)).toISOString());
  return {
    createdDateTime: iso(row.created_at), lastModifiedDateTime: iso(row.modified_at),
    ...(row.trained_at !== null ? { lastTrainedDateTime: iso(row.trained_at) } : {}),
    ...(row.deployed_at !== null ? { lastDeployedDateTime: iso(row.deployed_at) } : {}),
    projectKind: 'Conversation', settings: { confidenceThreshold: row.confidence_threshold },
    projectName: row.project_name, multilingual: Boolean(row.multilingual), description: row.description, language: row.language,
  };
}

export function modelView(m: repo.ModelMeta): Record<string, unknown> {
  return {
    label: m.label, modelId: m.model_id, lastTrainedDateTime: new Date(Number(m.trained_at)).toISOString(),
    lastTrainingDurationInSeconds: Math.round(Number(m.training_ms) / 1000), modelExpirationDate: MODEL_EXPIRATION_DATE,
    modelTrainingConfigVersion: TRAINING_CONFIG_VERSION, hasSnapshot: false,
  };
}

export function deploymentView(d: repo.DeploymentRow & { model: repo.ModelMeta }): Record<string, unknown> {
  return {
    deploymentName: d.deployment_name, modelId: d.model.model_id, lastTrainedDateTime: new Date(Number(d.model.trained_at)).toISOString(),
    lastDeployedDateTime: new Date(Number(d.deployed_at)).toISOString(), deploymentExpirationDate: MODEL_EXPIRATION_DATE,
    modelTrainingConfigVersion: TRAINING_CONFIG_VERSION,
  };
}

function trainingResult(modelLabel: string, status: string, percent: number, start?: number, end?: number): Record<string, unknown> {
  return {
    modelLabel, trainingConfigVersion: TRAINING_CONFIG_VERSION, trainingMode: 'standard',
    trainingStatus: {
      percentComplete: percent, status,
      ...(start !== undefined ? { startDateTime: new Date(start).toISOString() } : {}),
      ...(end !== undefined ? { endDateTime: new Date(end).toISOString() } : {}),
    },
  };
}
