// A CLU project as Azure's authoring API exchanges it (the `:import` body and
// the `:export` result, project file version 2023-04-01): metadata plus the
// assets — intents, entities with their components, labelled utterances.
// The schemas check the shape at the route; `checkAssets` checks the rules
// that span fields (a label's category exists, its span lies in its text).
import { Type, type Static } from '@sinclair/typebox';
import { badRequest } from '../../http/errors.ts';

/** The project file version Portico writes; imports of 2022-05-01 and later read the same shape. */
export const PROJECT_FILE_VERSION = '2023-04-01';

/** CLU's naming rule for projects, models and deployments: letters, digits, `_ . -`, at most 50 (projects 100 in the spec). */
export const NAME_PATTERN = '^[A-Za-z0-9_.-]{1,100}$';
export const LABEL_PATTERN = '^[A-Za-z0-9_.-]{1,50}$';
/** Intents and entities: anything but `:`, at most 50 characters. */
const CATEGORY = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^:]+$' });

export const CompositionSettings = ['returnLongestOverlap', 'requireExactOverlap', 'separateComponents', 'combineComponents'] as const;

export const ProjectSettingsSchema = Type.Object({ confidenceThreshold: Type.Number({ minimum: 0, maximum: 1 }) });

export const ProjectMetadataSchema = Type.Object({
  projectKind: Type.String({ enum: ['Conversation', 'Orchestration'] }),
  projectName: Type.String({ pattern: NAME_PATTERN }),
  language: Type.String({ minLength: 2, maxLength: 16 }),
  multilingual: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  settings: Type.Optional(ProjectSettingsSchema),
  storageInputContainerName: Type.Optional(Type.String()),
});

const LabelSchema = Type.Object({
  category: CATEGORY,
  offset: Type.Integer({ minimum: 0 }),
  length: Type.Integer({ minimum: 1 }),
});

const UtteranceSchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 500 }),
  intent: CATEGORY,
  language: Type.Optional(Type.String()),
  dataset: Type.Optional(Type.String({ enum: ['Train', 'Test'] })),
  entities: Type.Optional(Type.Array(LabelSchema, { maxItems: 100 })),
});

const EntitySchema = Type.Object({
  category: CATEGORY,
  compositionSetting: Type.Optional(Type.String({ enum: [...CompositionSettings] })),
  list: Type.Optional(Type.Object({
    sublists: Type.Array(Type.Object({
      listKey: Type.String({ minLength: 1 }),
      synonyms: Type.Array(Type.Object({ language: Type.String(), values: Type.Array(Type.String({ minLength: 1 })) })),
    })),
  })),
  prebuilts: Type.Optional(Type.Array(Type.Object({ category: Type.String({ minLength: 1 }) }), { maxItems: 7 })),
  regex: Type.Optional(Type.Object({
    expressions: Type.Array(Type.Object({ regexKey: Type.String({ minLength: 1 }), language: Type.String(), regexPattern: Type.String({ minLength: 1 }) })),
  })),
  requiredComponents: Type.Optional(Type.Array(Type.String({ enum: ['learned', 'list', 'prebuilts', 'regex'] }))),
});

export const AssetsSchema = Type.Object({
  projectKind: Type.String({ enum: ['Conversation', 'Orchestration'] }),
  intents: Type.Optional(Type.Array(Type.Object({ category: CATEGORY }), { maxItems: 500 })),
  entities: Type.Optional(Type.Array(EntitySchema, { maxItems: 350 })),
  utterances: Type.Optional(Type.Array(UtteranceSchema, { maxItems: 50_000 })),
});

export const ExportedProjectSchema = Type.Object({
  projectFileVersion: Type.String({ minLength: 1 }),
  stringIndexType: Type.String({ enum: ['Utf16CodeUnit'] }),
  metadata: ProjectMetadataSchema,
  assets: Type.Optional(AssetsSchema),
});

export type ProjectMetadataInput = Static<typeof ProjectMetadataSchema>;
export type EntityDef = Static<typeof EntitySchema>;
export type UtteranceDef = Static<typeof UtteranceSchema>;

/** A project's assets as stored: every list present. */
export interface Assets {
  projectKind: 'Conversation';
  intents: Array<{ category: string }>;
  entities: EntityDef[];
  utterances: UtteranceDef[];
}

export const emptyAssets = (): Assets => ({ projectKind: 'Conversation', intents: [{ category: 'None' }], entities: [], utterances: [] });

/** Portico's engine reads English; CLU's language codes for it. */
const ENGLISH = /^en(-[a-z]{2})?$/i;

export function checkLanguage(language: string, field: string): void {
  if (!ENGLISH.test(language)) {
    throw badRequest(`${field} "${language}" is not supported: Portico's engine understands English only (en, en-us).`, 'InvalidArgument');
  }
}

/** Fills defaults and checks the rules across fields; throws a 400 naming the first broken one. */
export function normalizeAssets(input: Static<typeof AssetsSchema> | undefined): Assets {
  if (input && input.projectKind !== 'Conversation') {
    throw badRequest('assets.projectKind: only Conversation projects are supported; Orchestration projects are not.', 'InvalidArgument');
  }
  const intents = [...(input?.intents ?? [])];
  if (!intents.some((i) => i.category === 'None')) intents.unshift({ category: 'None' });
  const assets: Assets = { projectKind: 'Conversation', intents, entities: input?.entities ?? [], utterances: input?.utterances ?? [] };
  const intentNames = new Set<string>();
  assets.intents.forEach((i, n) => {
    if (intentNames.has(i.category)) throw badRequest(`assets.intents[${n}].category: intent "${i.category}" appears twice.`, 'InvalidArgument');
    intentNames.add(i.category);
  });
  const entityNames = new Set<string>();
  assets.entities.forEach((e, n) => {
    if (entityNames.has(e.category)) throw badRequest(`assets.entities[${n}].category: entity "${e.category}" appears twice.`, 'InvalidArgument');
    entityNames.add(e.category);
    e.list?.sublists.forEach((s, k) => s.synonyms.forEach((syn, j) => checkLanguage(syn.language, `assets.entities[${n}].list.sublists[${k}].synonyms[${j}].language`)));
    e.regex?.expressions.forEach((x, k) => {
      checkLanguage(x.language, `assets.entities[${n}].regex.expressions[${k}].language`);
      try { new RegExp(x.regexPattern, 'iu'); } catch (err) {
        throw badRequest(`assets.entities[${n}].regex.expressions[${k}].regexPattern: ${(err as Error).message}`, 'InvalidArgument');
      }
    });
  });
  assets.utterances.forEach((u, n) => {
    if (!intentNames.has(u.intent)) throw badRequest(`assets.utterances[${n}].intent: intent "${u.intent}" is not in assets.intents.`, 'InvalidArgument');
    if (u.language) checkLanguage(u.language, `assets.utterances[${n}].language`);
    (u.entities ?? []).forEach((l, k) => {
      if (!entityNames.has(l.category)) throw badRequest(`assets.utterances[${n}].entities[${k}].category: entity "${l.category}" is not in assets.entities.`, 'InvalidArgument');
      if (l.offset + l.length > u.text.length) {
        throw badRequest(`assets.utterances[${n}].entities[${k}]: offset ${l.offset} + length ${l.length} runs past the end of the text (${u.text.length} UTF-16 code units).`, 'InvalidArgument');
      }
    });
  });
  return assets;
}
