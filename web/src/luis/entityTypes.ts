// The entity types of a LUIS app: where each lives in the authoring API, what
// a person calls it, and how the list entity form's text becomes sub-lists.
// Pure, so the rules are tested without a page.

export type EntityKind = 'simple' | 'list' | 'regex' | 'prebuilt' | 'patternany' | 'composite' | 'hierarchical';

type KindInfo = { kind: EntityKind; segment: string; label: string };

/** Keyed by the readableType the authoring API's models list reports. */
const BY_READABLE_TYPE: Record<string, KindInfo> = {
  'Entity Extractor': { kind: 'simple', segment: 'entities', label: 'Machine learned' },
  'List Entity Extractor': { kind: 'list', segment: 'closedlists', label: 'List' },
  'Regex Entity Extractor': { kind: 'regex', segment: 'regexentities', label: 'Regular expression' },
  'Prebuilt Entity Extractor': { kind: 'prebuilt', segment: 'prebuilts', label: 'Prebuilt' },
  'Pattern.Any Entity Extractor': { kind: 'patternany', segment: 'patternanyentities', label: 'Pattern.any' },
  'Composite Entity Extractor': { kind: 'composite', segment: 'compositeentities', label: 'Composite' },
  'Hierarchical Entity Extractor': { kind: 'hierarchical', segment: 'hierarchicalentities', label: 'Hierarchical' },
};

/** The kinds a person can create from the Entities page. */
export const CREATABLE: { kind: EntityKind; label: string }[] = [
  { kind: 'simple', label: 'Machine learned' },
  { kind: 'list', label: 'List' },
  { kind: 'regex', label: 'Regular expression' },
  { kind: 'prebuilt', label: 'Prebuilt' },
  { kind: 'patternany', label: 'Pattern.any' },
  { kind: 'composite', label: 'Composite' },
  { kind: 'hierarchical', label: 'Hierarchical' },
];

/** Child names typed as a comma-separated list (hierarchical children): trimmed, no empties, no repeats. */
export function parseChildNames(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

export function entityKindOf(readableType: string | undefined): KindInfo | undefined {
  return BY_READABLE_TYPE[readableType ?? 'Entity Extractor'];
}

export type SubList = { canonicalForm: string; list: string[] };

/**
 * One line per normalized value: `canonical: synonym, synonym`. A line without
 * a colon is a value with no synonyms. Returns the sub-lists or what is wrong.
 */
export function parseSubLists(text: string): { subLists: SubList[] } | { error: string } {
  const subLists: SubList[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return { error: 'Enter at least one value, one per line: value: synonym, synonym' };
  for (const [i, line] of lines.entries()) {
    const colon = line.indexOf(':');
    const canonicalForm = (colon < 0 ? line : line.slice(0, colon)).trim();
    if (!canonicalForm) return { error: `Line ${i + 1} has no value before the colon.` };
    const list = colon < 0 ? [] : line.slice(colon + 1).split(',').map((s) => s.trim()).filter(Boolean);
    subLists.push({ canonicalForm, list });
  }
  return { subLists };
}
