// LUIS's documented boundaries, checked on every edit and import so that an
// app that LUIS would refuse is refused here too (400 naming the limit).
import type { VersionDoc } from './document.ts';

export const LIMITS = {
  appsPerAuthoringKey: 500,
  versionsPerApp: 100,
  intents: 500,
  utterances: 15_000,
  utteranceLength: 500,
  mlEntities: 100,
  listEntities: 50,
  listItems: 20_000,
  regexEntities: 20,
  regexPatternLength: 500,
  patternAnyEntities: 100,
  patterns: 500,
  patternLength: 400,
  phraseLists: 500,
  phrasesInterchangeable: 50_000,
  phrasesNonInterchangeable: 5_000,
  rolesPerEntity: 10,
  roles: 300,
  nameLength: 50,
  appNameLength: 128,
  versionIdLength: 128,
  descriptionLength: 500,
} as const;

/** Characters LUIS refuses in intent, entity, role and phrase list names. */
const NAME_FORBIDDEN = /[:$&%*()+?~{}[\]^|\\/<>"]/;
/** Version ids travel in URL paths: no slashes, query or fragment marks, no outer spaces. */
export const VERSION_ID_PATTERN = /^[^/\\?#%\s](?:[^/\\?#%]*[^/\\?#%\s])?$/;

/** The reason a model (intent, entity, role, phrase list) name is refused, if it is. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (!name.trim()) return `${kind} name must not be empty`;
  if (name.length > LIMITS.nameLength) return `${kind} name "${name.slice(0, 60)}…" is longer than the limit of ${LIMITS.nameLength} characters`;
  if (name !== name.trim()) return `${kind} name "${name}" must not start or end with a space`;
  if (NAME_FORBIDDEN.test(name)) return `${kind} name "${name}" contains a character LUIS does not allow in names (: $ & % * ( ) + ? ~ { } [ ] ^ | \\ / < > ")`;
  return undefined;
}

export function versionIdProblem(versionId: string): string | undefined {
  if (!versionId || versionId.length > LIMITS.versionIdLength || !VERSION_ID_PATTERN.test(versionId)) {
    return `version id "${versionId.slice(0, 140)}" must be 1 to ${LIMITS.versionIdLength} characters without / \\ ? # % or outer spaces`;
  }
  return undefined;
}

/** The first boundary the document breaks, as a sentence naming the limit; undefined if none. */
export function limitProblem(doc: VersionDoc): string | undefined {
  const over = (what: string, count: number, limit: number) =>
    count > limit ? `the app has ${count} ${what}; the limit is ${limit}` : undefined;
  const long = doc.utterances.find((u) => u.text.length > LIMITS.utteranceLength);
  if (long) return `the example utterance "${long.text.slice(0, 40)}…" has ${long.text.length} characters; the limit is ${LIMITS.utteranceLength}`;
  const longPattern = doc.patterns.find((p) => p.pattern.length > LIMITS.patternLength);
  if (longPattern) return `the pattern "${longPattern.pattern.slice(0, 40)}…" has ${longPattern.pattern.length} characters; the limit is ${LIMITS.patternLength}`;
  const longRegex = doc.regexEntities.find((r) => r.regexPattern.length > LIMITS.regexPatternLength);
  if (longRegex) return `the regular expression of "${longRegex.name}" has ${longRegex.regexPattern.length} characters; the limit is ${LIMITS.regexPatternLength}`;
  const manyRoles = [...doc.entities, ...doc.hierarchicals, ...doc.composites, ...doc.closedLists, ...doc.regexEntities, ...doc.prebuiltEntities, ...doc.patternAnyEntities]
    .find((e) => e.roles.length > LIMITS.rolesPerEntity);
  if (manyRoles) return `entity "${manyRoles.name}" has ${manyRoles.roles.length} roles; the limit is ${LIMITS.rolesPerEntity} roles an entity`;
  const roleCount = [...doc.entities, ...doc.hierarchicals, ...doc.composites, ...doc.closedLists, ...doc.regexEntities, ...doc.prebuiltEntities, ...doc.patternAnyEntities]
    .reduce((n, e) => n + e.roles.length, 0);
  const bigList = doc.closedLists.find((l) => l.subLists.reduce((n, s) => n + 1 + s.list.length, 0) > LIMITS.listItems);
  if (bigList) return `list entity "${bigList.name}" has more than ${LIMITS.listItems} items and synonyms, the limit of a list entity`;
  const phrases = (interchangeable: boolean) => doc.phraselists.filter((p) => p.mode === interchangeable).reduce((n, p) => n + p.words.length, 0);
  return over('intents', doc.intents.length, LIMITS.intents)
    ?? over('example utterances', doc.utterances.length, LIMITS.utterances)
    ?? over('machine-learned, hierarchical and composite entities', doc.entities.length + doc.hierarchicals.length + doc.composites.length, LIMITS.mlEntities)
    ?? over('list entities', doc.closedLists.length, LIMITS.listEntities)
    ?? over('regular expression entities', doc.regexEntities.length, LIMITS.regexEntities)
    ?? over('Pattern.any entities', doc.patternAnyEntities.length, LIMITS.patternAnyEntities)
    ?? over('patterns', doc.patterns.length, LIMITS.patterns)
    ?? over('phrase lists', doc.phraselists.length, LIMITS.phraseLists)
    ?? over('phrases in interchangeable phrase lists', phrases(true), LIMITS.phrasesInterchangeable)
    ?? over('phrases in non-interchangeable phrase lists', phrases(false), LIMITS.phrasesNonInterchangeable)
    ?? over('entity roles', roleCount, LIMITS.roles);
}
