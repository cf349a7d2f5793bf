// The LUIS authoring domain: apps and their versions, who may touch them,
// edits of a version's document, import and export. Training and publishing
// live in training/ and publishing.ts; HTTP lives in authoring/.
import { randomUUID } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.ts';
import type { Clock } from '../util/clock.ts';
import { ApiError } from '../http/errors.ts';
import { AppValidationError, exportLuisApp, parseLuisApp, prebuiltCultureProblem } from '../nlu/index.ts';
import * as appsRepo from './store/apps.ts';
import * as versionsRepo from './store/versions.ts';
import type { LuisDb } from './store/tables.ts';
import { appFromDoc, cloneDoc, docFromApp, emptyDoc, type VersionDoc } from './app/document.ts';
import { LIMITS, limitProblem, versionIdProblem } from './app/limits.ts';
import { appNotFound, badArgument, ownerOnly, versionNotFound } from './errors.ts';
import type { Author } from './authors.ts';

export type AppRow = appsRepo.AppRow;
export type Need = 'member' | 'owner';

/** The schema version exports are written in: the newest, which carries every entity type. */
export const EXPORT_SCHEMA_VERSION = '7.0.0';
const EDIT_RETRIES = 8;

export interface NewApp {
  name: string;
  culture: string;
  description?: string;
  domain?: string;
  usageScenario?: string;
  initialVersionId?: string;
}

/**
 * LUIS's cultures. The engine tokenises each (Unicode words; Chinese and
 * Japanese character by character) and learns intents and entities the same
 * way in all; which prebuilt entities a culture can use is the engine's
 * `prebuiltCultureProblem`.
 */
export const SUPPORTED_CULTURES: Array<{ name: string; code: string }> = [
  { name: 'English', code: 'en-us' }, { name: 'Arabic', code: 'ar-ar' }, { name: 'Chinese', code: 'zh-cn' },
  { name: 'Dutch', code: 'nl-nl' }, { name: 'French', code: 'fr-fr' }, { name: 'French Canadian', code: 'fr-ca' },
  { name: 'German', code: 'de-de' }, { name: 'Gujarati', code: 'gu-in' }, { name: 'Hindi', code: 'hi-in' },
  { name: 'Italian', code: 'it-it' }, { name: 'Japanese', code: 'ja-jp' }, { name: 'Korean', code: 'ko-kr' },
  { name: 'Marathi', code: 'mr-in' }, { name: 'Portuguese (Brazil)', code: 'pt-br' }, { name: 'Spanish', code: 'es-es' },
  { name: 'Spanish (Mexico)', code: 'es-mx' }, { name: 'Tamil', code: 'ta-in' }, { name: 'Telugu', code: 'te-in' },
  { name: 'Turkish', code: 'tr-tr' },
];

export function parseApp(json: unknown): ReturnType<typeof parseLuisApp> {
  try {
    return parseLuisApp(json);
  } catch (err) {
    if (err instanceof AppValidationError) throw badArgument(`The app is not valid: ${err.message}`);
    throw err;
  }
}

/** Checks a document as a whole: LUIS's limits, then the engine's own consistency rules. */
export function validateDoc(doc: VersionDoc): void {
  const limit = limitProblem(doc);
  if (limit) throw badArgument(limit);
  // A prebuilt the culture has no recognizer for is refused, not kept to find nothing.
  for (const [i, p] of doc.prebuiltEntities.entries()) {
    const problem = prebuiltCultureProblem(p.name, doc.culture);
    if (problem) throw badArgument(`prebuiltEntities[${i}]: ${problem}.`);
  }
  try {
    parseLuisApp(exportLuisApp(appFromDoc(doc), EXPORT_SCHEMA_VERSION));
  } catch (err) {
    if (err instanceof AppValidationError) throw badArgument(err.message);
    throw err;
  }
}

export class LuisApps {
  constructor(readonly db: LuisDb, readonly catalog: Catalog, readonly clock: Clock) {}

  // ---- access -------------------------------------------------------------

  /** The app, if the author may use it with this need; 404 for strangers, 403 for a collaborator asking for an owner's right. */
  async app(author: Author, appId: string, need: Need = 'member', what = 'do this'): Promise<AppRow> {
    const row = await appsRepo.findApp(this.db, appId);
    if (!row || row.authoring_region !== author.region) throw appNotFound(appId);
    if (row.owner_account_id === author.accountId) return row;
    if (!(await appsRepo.isCollaborator(this.db, appId, author.email))) throw appNotFound(appId);
    if (need === 'owner') throw ownerOnly(what);
    return row;
  }

  isOwner(author: Author, app: AppRow): boolean {
    return app.owner_account_id === author.accountId;
  }

  // ---- apps ---------------------------------------------------------------

  private checkAppName(name: string): void {
    if (!name.trim()) throw badArgument('name must not be empty');
    if (name.length > LIMITS.appNameLength) throw badArgument(`name is longer than the limit of ${LIMITS.appNameLength} characters`);
  }

  private async checkNameFree(author: Author, name: string, exceptId?: string): Promise<void> {
    const existing = await appsRepo.findAppByName(this.db, author.accountId, author.region, name);
    if (existing && existing.id !== exceptId) throw badArgument(`An application with the name "${name}" already exists.`);
  }

  private checkCulture(culture: string): string {
    const code = culture.toLowerCase();
    if (!SUPPORTED_CULTURES.some((c) => c.code === code)) {
      throw badArgument(`culture "${culture}" is not supported; supported: ${SUPPORTED_CULTURES.map((c) => c.code).join(', ')}`);
    }
    return code;
  }

  async createApp(author: Author, input: NewApp, doc?: VersionDoc, appId: string = randomUUID()): Promise<AppRow> {
    this.checkAppName(input.name);
    const culture = this.checkCulture(input.culture);
    if ((input.description ?? '').length > LIMITS.descriptionLength) throw badArgument(`description is longer than the limit of ${LIMITS.descriptionLength} characters`);
    const versionId = input.initialVersionId ?? doc?.versionId ?? '0.1';
    const versionProblem = versionIdProblem(versionId);
    if (versionProblem) throw badArgument(versionProblem);
    await this.checkNameFree(author, input.name);
    if ((await appsRepo.countApps(this.db, author.accountId, author.region)) >= LIMITS.appsPerAuthoringKey) {
      throw badArgument(`An authoring key may own at most ${LIMITS.appsPerAuthoringKey} applications.`);
    }
    const content = doc ? { ...doc, name: input.name, versionId, culture } : emptyDoc(input.name, versionId, culture, input.description ?? '');
    validateDoc(content);
    const now = this.clock.now();
    const row: AppRow = {
      id: appId, owner_account_id: author.accountId, authoring_region: author.region, name: input.name,
      description: input.description ?? content.desc ?? '', culture, domain: input.domain ?? '', usage_scenario: input.usageScenario ?? '',
      active_version: versionId, is_public: 0,
      publish_settings: JSON.stringify({ sentimentAnalysis: false, speech: false, spellChecker: false }), created_at: now,
    };
    await this.db.transaction().execute(async (tx) => {
      await appsRepo.insertApp(tx, row);
      await versionsRepo.insertVersion(tx, newVersionRow(appId, versionId, content, now));
    });
    return row;
  }

  async importApp(author: Author, json: unknown, name?: string, appId?: string): Promise<AppRow> {
    const app = parseApp(json);
    const doc = docFromApp(app);
    return this.createApp(author, { name: name ?? app.name, culture: app.culture, description: app.desc }, doc, appId);
  }

  listApps(author: Author): Promise<AppRow[]> {
    return appsRepo.listAppsFor(this.db, author.accountId, author.email, author.region);
  }

  async renameApp(author: Author, appId: string, name: string, description?: string): Promise<void> {
    await this.app(author, appId);
    this.checkAppName(name);
    await this.checkNameFree(author, name, appId);
    await appsRepo.updateApp(this.db, appId, { name, ...(description !== undefined ? { description } : {}) });
  }

  async deleteApp(author: Author, appId: string): Promise<void> {
    await this.app(author, appId, 'owner', 'delete it');
    await appsRepo.deleteApp(this.db, appId);
  }

  // ---- versions -------------------------------------------------------------

  async versionMeta(appId: string, versionId: string): Promise<versionsRepo.VersionMeta> {
    const row = await versionsRepo.findVersionMeta(this.db, appId, versionId);
    if (!row) throw versionNotFound(appId, versionId);
    return row;
  }

  async readDoc(appId: string, versionId: string): Promise<{ doc: VersionDoc; row: versionsRepo.VersionRow }> {
    const row = await versionsRepo.findVersion(this.db, appId, versionId);
    if (!row) throw versionNotFound(appId, versionId);
    return { doc: JSON.parse(row.content) as VersionDoc, row };
  }

  /**
   * Applies an edit to a version's document and saves it if the result is a
   * valid app. Edits race by optimistic concurrency: a lost race re-reads and
   * re-applies, so no edit overwrites another.
   */
  async edit<T>(appId: string, versionId: string, change: (doc: VersionDoc) => T): Promise<T> {
    for (let attempt = 0; attempt < EDIT_RETRIES; attempt++) {
      const { doc, row } = await this.readDoc(appId, versionId);
      const result = change(doc);
      validateDoc(doc);
      if (await versionsRepo.saveContent(this.db, appId, versionId, row.revision, JSON.stringify(doc), this.clock.now())) return result;
    }
    throw new ApiError(409, 'Conflict', 'The version was changed by other requests at the same time; retry the request.');
  }

  async cloneVersion(appId: string, versionId: string, newVersionId: string): Promise<void> {
    const problem = versionIdProblem(newVersionId);
    if (problem) throw badArgument(problem);
    const { doc } = await this.readDoc(appId, versionId);
    await this.insertVersion(appId, cloneDoc(doc, newVersionId));
  }

  async importVersion(appId: string, json: unknown, versionId?: string): Promise<string> {
    const app = parseApp(json);
    const id = versionId ?? app.versionId;
    const problem = versionIdProblem(id);
    if (problem) throw badArgument(problem);
    const doc = docFromApp({ ...app, versionId: id });
    validateDoc(doc);
    await this.insertVersion(appId, doc);
    return id;
  }

  /** A new version (cloned or imported) becomes the app's active version, as in LUIS. */
  private async insertVersion(appId: string, doc: VersionDoc): Promise<void> {
    if (await versionsRepo.findVersionMeta(this.db, appId, doc.versionId)) {
      throw badArgument(`A version with the ID "${doc.versionId}" already exists in this application.`);
    }
    if ((await versionsRepo.countVersions(this.db, appId)) >= LIMITS.versionsPerApp) {
      throw badArgument(`An application may have at most ${LIMITS.versionsPerApp} versions.`);
    }
    await versionsRepo.insertVersion(this.db, newVersionRow(appId, doc.versionId, doc, this.clock.now()));
    await appsRepo.updateApp(this.db, appId, { active_version: doc.versionId });
  }

  async renameVersion(appId: string, versionId: string, newVersionId: string): Promise<void> {
    await this.versionMeta(appId, versionId);
    if (newVersionId === versionId) return;
    const problem = versionIdProblem(newVersionId);
    if (problem) throw badArgument(problem);
    if (await versionsRepo.findVersionMeta(this.db, appId, newVersionId)) {
      throw badArgument(`A version with the ID "${newVersionId}" already exists in this application.`);
    }
    await this.edit(appId, versionId, (doc) => { doc.versionId = newVersionId; });
    await versionsRepo.renameVersion(this.db, appId, versionId, newVersionId);
  }

  async deleteVersion(appId: string, versionId: string): Promise<void> {
    await this.versionMeta(appId, versionId);
    const all = await versionsRepo.listVersionMeta(this.db, appId);
    if (all.length === 1) throw badArgument('An application needs at least one version; delete the application instead.');
    const publications = await versionsRepo.listPublications(this.db, appId);
    const published = publications.find((p) => p.version_id === versionId);
    if (published) throw badArgument(`Version "${versionId}" is published to the ${published.slot} slot; publish another version there first.`);
    await versionsRepo.deleteVersion(this.db, appId, versionId);
    const app = await appsRepo.findApp(this.db, appId);
    if (app?.active_version === versionId) {
      const remaining = all.filter((v) => v.version_id !== versionId);
      await appsRepo.updateApp(this.db, appId, { active_version: remaining[remaining.length - 1].version_id });
    }
    await versionsRepo.deleteUnusedModels(this.db, appId);
  }

  async exportVersion(app: AppRow, versionId: string): Promise<Record<string, unknown>> {
    const { doc } = await this.readDoc(app.id, versionId);
    return exportLuisApp({ ...appFromDoc(doc), name: app.name, desc: app.description || doc.desc }, EXPORT_SCHEMA_VERSION);
  }
}

function newVersionRow(appId: string, versionId: string, doc: VersionDoc, now: number): versionsRepo.VersionRow {
  return {
    app_id: appId, version_id: versionId, content: JSON.stringify({ ...doc, versionId }), revision: 1,
    created_at: now, updated_at: now, training_status: 'NeedsTraining', training_revision: null, training_failure: null,
    trained_revision: null, trained_at: null, model_id: null, published_at: null,
  };
}
