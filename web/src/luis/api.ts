// The LUIS authoring API (v2.0) and the v2.0 prediction endpoint, called with
// the signed-in user's authoring key for the chosen authoring region, exactly
// as any LUIS client would call them.
import { request } from '../api/client.ts';
import { endpointPath } from '../api/endpoint.ts';
import type { Account } from '../api/types.ts';
import { pacerFor } from './pacer.ts';
import { fromV3, type V3Prediction } from './prediction.ts';

export type AppInfo = {
  id: string;
  name: string;
  description?: string;
  culture: string;
  activeVersion?: string;
  versionsCount?: number;
  createdDateTime?: string;
  /** Where the app answers, per slot (PRODUCTION, STAGING). */
  endpoints?: Record<string, SlotEndpoint | undefined>;
};
export type SlotEndpoint = { versionId: string; isStaging: boolean; endpointUrl: string; region: string; endpointRegion: string; publishedDateTime?: string };
export type Intent = { id: string; name: string };
export type Role = { id: string; name: string };
export type Entity = { id: string; name: string; readableType?: string; typeId?: number; roles?: Role[]; children?: { id: string; name: string }[] };
export type TokenLabel = { entityName: string; startTokenIndex: number; endTokenIndex: number };
export type CharLabel = { entityName: string; startCharIndex: number; endCharIndex: number };
export type Example = { id: number; text: string; tokenizedText: string[]; intentLabel: string; entityLabels: TokenLabel[] };
export type ModelTraining = { modelId: string; details: { statusId: number; status: string; exampleCount: number; failureReason?: string | null } };
export type Version = { version: string; createdDateTime?: string; lastModifiedDateTime?: string; trainingStatus?: string; intentsCount?: number; entitiesCount?: number; exampleUtterancesCount?: number };
export type PatternRule = { id: string; pattern: string; intent: string };
export type PhraseList = { id: number; name: string; phrases: string; isExchangeable: boolean; isActive?: boolean };
export type PublishResult = { versionId: string; endpointUrl: string; region: string; endpointRegion: string; failedRegions?: string; isStaging: boolean; publishedDateTime?: string };
export type AzureAccount = { azureSubscriptionId: string; resourceGroup: string; accountName: string };
export type Permissions = { owner: string; emails: string[] };
/** A logged endpoint query the trained model is unsure of, with its predictions. */
export type Suggestion = { text: string; tokenizedText: string[]; intentPredictions: { name: string; score: number }[]; entityPredictions: TokenLabel[] };
export type Prediction = {
  query: string;
  topScoringIntent?: { intent: string; score: number };
  intents?: { intent: string; score: number }[];
  entities?: { entity: string; type: string; startIndex: number; endIndex: number; score?: number }[];
};

export type Scores = { labelled: number; precision: number | null; recall: number | null; f1: number | null; truePositives: number; falsePositives: number; falseNegatives: number };
export type SpanLabel = { entity: string; startPos: number; endPos: number };
export type BatchTestSummary = { id: string; name: string; versionId: string; target: 'version' | 'production' | 'staging'; createdDateTime: string; utterances: number; intentAccuracy: number };
export type BatchTest = BatchTestSummary & {
  report: {
    utterances: number;
    intentAccuracy: number;
    correctUtterances: number;
    intents: (Scores & { intent: string })[];
    confusion: { labelled: string; predicted: string; count: number }[];
    entities: (Scores & { entity: string })[];
    errors: { text: string; labelledIntent: string; predictedIntent: string; score: number; missedEntities: SpanLabel[]; unexpectedEntities: SpanLabel[] }[];
  };
};
export type BatchTarget = 'version' | 'production' | 'staging';

/** The authoring API's largest page. */
const EXAMPLES_PAGE = 500;

export type LuisConnection = { region: string; key: string; base: string };

/** Authoring region → key and path prefix (the region's endpoint path, e.g. `/westeurope/`). */
export function connectionFor(account: Account, region: string): LuisConnection | undefined {
  const keys = account.authoringKeys[region];
  if (!keys) return undefined;
  return { region, key: keys.key1, base: endpointPath(keys.endpoint) };
}

const enc = encodeURIComponent;
/** An import body is LUIS JSON, or a .lu text as a Blob (see readAppFile). */
const formatOf = (app: unknown) => (app instanceof Blob ? 'lu' : 'json');

export function luisClient(c: LuisConnection) {
  const headers = { 'Ocp-Apim-Subscription-Key': c.key };
  const authoring = `${c.base}luis/api/v2.0`;
  const paced = pacerFor(c.key);
  const call = <T>(path: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE' = 'GET', body?: unknown) =>
    paced(() => request<T>(`${authoring}${path}`, { method, body, headers }));
  const v = (appId: string, version: string) => `/apps/${enc(appId)}/versions/${enc(version)}`;
  return {
    apps: () => call<AppInfo[]>('/apps/?take=500'),
    app: (appId: string) => call<AppInfo>(`/apps/${enc(appId)}`),
    createApp: (body: { name: string; culture: string; description?: string; initialVersionId?: string }) => call<string>('/apps/', 'POST', body),
    importApp: (app: unknown, appName?: string) => call<string>(`/apps/import?format=${formatOf(app)}${appName ? `&appName=${enc(appName)}` : ''}`, 'POST', app),
    deleteApp: (appId: string) => call<unknown>(`/apps/${enc(appId)}`, 'DELETE'),
    exportVersion: (appId: string, version: string) => call<Record<string, unknown>>(`${v(appId, version)}/export`),
    versions: (appId: string) => call<Version[]>(`/apps/${enc(appId)}/versions`),
    cloneVersion: (appId: string, version: string, newVersion: string) => call<string>(`${v(appId, version)}/clone`, 'POST', { version: newVersion }),
    importVersion: (appId: string, versionId: string, app: unknown) => call<string>(`/apps/${enc(appId)}/versions/import?versionId=${enc(versionId)}&format=${formatOf(app)}`, 'POST', app),
    deleteVersion: (appId: string, version: string) => call<unknown>(`${v(appId, version)}/`, 'DELETE'),
    intents: (appId: string, version: string) => call<Intent[]>(`${v(appId, version)}/intents?take=500`),
    createIntent: (appId: string, version: string, name: string) => call<string>(`${v(appId, version)}/intents`, 'POST', { name }),
    deleteIntent: (appId: string, version: string, intentId: string) => call<unknown>(`${v(appId, version)}/intents/${enc(intentId)}`, 'DELETE'),
    /** Every example of a version: the API pages by 500 (LUIS allows 15,000 a version). */
    examples: async (appId: string, version: string) => {
      const all: Example[] = [];
      for (let skip = 0; ; skip += EXAMPLES_PAGE) {
        const page = await call<Example[]>(`${v(appId, version)}/examples?skip=${skip}&take=${EXAMPLES_PAGE}`);
        all.push(...page);
        if (page.length < EXAMPLES_PAGE) return all;
      }
    },
    renameApp: (appId: string, body: { name: string; description?: string }) => call<unknown>(`/apps/${enc(appId)}`, 'PUT', body),
    addExample: (appId: string, version: string, body: { text: string; intentName: string; entityLabels: CharLabel[] }) =>
      call<unknown>(`${v(appId, version)}/example`, 'POST', body),
    deleteExample: (appId: string, version: string, exampleId: number) => call<unknown>(`${v(appId, version)}/examples/${exampleId}`, 'DELETE'),
    entities: (appId: string, version: string) => call<Entity[]>(`${v(appId, version)}/entities?take=500`),
    models: (appId: string, version: string) => call<Entity[]>(`${v(appId, version)}/models?take=500`),
    createEntity: (appId: string, version: string, name: string) => call<string>(`${v(appId, version)}/entities`, 'POST', { name }),
    createListEntity: (appId: string, version: string, body: { name: string; subLists: { canonicalForm: string; list: string[] }[] }) =>
      call<string>(`${v(appId, version)}/closedlists`, 'POST', body),
    createRegexEntity: (appId: string, version: string, body: { name: string; regexPattern: string }) => call<string>(`${v(appId, version)}/regexentities`, 'POST', body),
    createPatternAnyEntity: (appId: string, version: string, name: string) => call<string>(`${v(appId, version)}/patternanyentities`, 'POST', { name }),
    /** Composite: made of existing entities, by name. */
    createCompositeEntity: (appId: string, version: string, body: { name: string; children: string[] }) => call<string>(`${v(appId, version)}/compositeentities`, 'POST', body),
    /** Hierarchical: a parent with new child entities, by name. */
    createHierarchicalEntity: (appId: string, version: string, body: { name: string; children: string[] }) => call<string>(`${v(appId, version)}/hierarchicalentities`, 'POST', body),
    addRole: (appId: string, version: string, segment: string, entityId: string, name: string) => call<string>(`${v(appId, version)}/${segment}/${enc(entityId)}/roles`, 'POST', { name }),
    deleteRole: (appId: string, version: string, segment: string, entityId: string, roleId: string) => call<unknown>(`${v(appId, version)}/${segment}/${enc(entityId)}/roles/${enc(roleId)}`, 'DELETE'),
    addPrebuilts: (appId: string, version: string, names: string[]) => call<Entity[]>(`${v(appId, version)}/prebuilts`, 'POST', names),
    availablePrebuilts: (appId: string, version: string) => call<{ name: string; description: string; examples: string }[]>(`${v(appId, version)}/listprebuilts`),
    /** segment: the entity type's collection in the API (entities, closedlists, prebuilts, …). */
    deleteEntity: (appId: string, version: string, segment: string, entityId: string) => call<unknown>(`${v(appId, version)}/${segment}/${enc(entityId)}`, 'DELETE'),
    patterns: (appId: string, version: string) => call<PatternRule[]>(`${v(appId, version)}/patternrules?take=500`),
    addPattern: (appId: string, version: string, body: { pattern: string; intent: string }) => call<PatternRule>(`${v(appId, version)}/patternrule`, 'POST', body),
    deletePattern: (appId: string, version: string, id: string) => call<unknown>(`${v(appId, version)}/patternrules/${enc(id)}`, 'DELETE'),
    phraseLists: (appId: string, version: string) => call<PhraseList[]>(`${v(appId, version)}/phraselists?take=500`),
    addPhraseList: (appId: string, version: string, body: { name: string; phrases: string; isExchangeable: boolean }) => call<number>(`${v(appId, version)}/phraselists`, 'POST', body),
    deletePhraseList: (appId: string, version: string, id: number) => call<unknown>(`${v(appId, version)}/phraselists/${id}`, 'DELETE'),
    intentSuggestions: (appId: string, version: string, intentId: string) => call<Suggestion[]>(`${v(appId, version)}/intents/${enc(intentId)}/suggest?take=100`),
    dismissSuggestion: (appId: string, version: string, text: string) => call<unknown>(`${v(appId, version)}/suggest`, 'DELETE', text),
    /** Runs a batch test against the version's latest training, or the version published to a slot. */
    runBatchTest: (appId: string, version: string, target: BatchTarget, name: string, dataset: unknown) =>
      call<BatchTest>(`${target === 'version' ? v(appId, version) : `/apps/${enc(appId)}/slots/${target}`}/batchtests${name ? `?name=${enc(name)}` : ''}`, 'POST', dataset),
    batchTests: (appId: string, version: string) => call<BatchTestSummary[]>(`${v(appId, version)}/batchtests`),
    batchTest: (appId: string, version: string, id: string) => call<BatchTest>(`${v(appId, version)}/batchtests/${enc(id)}`),
    batchTestErrorsCsv: (appId: string, version: string, id: string) => call<string>(`${v(appId, version)}/batchtests/${enc(id)}/errors`),
    deleteBatchTest: (appId: string, version: string, id: string) => call<unknown>(`${v(appId, version)}/batchtests/${enc(id)}`, 'DELETE'),
    train: (appId: string, version: string) => call<{ statusId: number; status: string }>(`${v(appId, version)}/train`, 'POST'),
    trainingStatus: (appId: string, version: string) => call<ModelTraining[]>(`${v(appId, version)}/train`),
    publish: (appId: string, body: { versionId: string; isStaging: boolean; region?: string }) => call<PublishResult>(`/apps/${enc(appId)}/publish`, 'POST', body),
    azureAccounts: (appId: string) => call<AzureAccount[]>(`/apps/${enc(appId)}/azureaccounts`),
    assignAzureAccount: (appId: string, body: AzureAccount) => call<unknown>(`/apps/${enc(appId)}/azureaccounts`, 'POST', body),
    permissions: (appId: string) => call<Permissions>(`/apps/${enc(appId)}/permissions`),
    addCollaborator: (appId: string, email: string) => call<unknown>(`/apps/${enc(appId)}/permissions`, 'POST', { email }),
    removeCollaborator: (appId: string, email: string) => call<unknown>(`/apps/${enc(appId)}/permissions`, 'DELETE', { email }),
    /** The v2.0 prediction endpoint with the authoring key, as the LUIS portal's Test panel does. */
    predict: (appId: string, q: string, staging: boolean) =>
      paced(() => request<Prediction>(`${c.base}luis/v2.0/apps/${enc(appId)}?verbose=true&staging=${staging}&log=false&q=${enc(q)}`, { headers })),
    /** A version's latest training, published or not (v3.0 prediction by version), in the v2.0 shape. */
    predictVersion: (appId: string, version: string, q: string) =>
      paced(() => request<V3Prediction>(`${c.base}luis/prediction/v3.0/apps/${enc(appId)}/versions/${enc(version)}/predict?verbose=true&show-all-intents=true&log=false&query=${enc(q)}`, { headers }))
        .then(fromV3),
  };
}

export type LuisClient = ReturnType<typeof luisClient>;
