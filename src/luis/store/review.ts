// What the review of endpoint utterances reads and writes: the recent logged
// queries of an app, and the utterances dismissed from a version's review.
import type { LuisDb } from './tables.ts';

/** Normalised form used to compare utterances (examples, queries, dismissals). */
export function utteranceKey(text: string): string {
  return text.trim().toLowerCase();
}

/** The texts of an app's most recent logged queries, newest first, each once. */
export async function recentQueryTexts(db: LuisDb, appId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('luis_query_logs').select('query').where('app_id', '=', appId)
    .orderBy('at', 'desc').limit(limit).execute();
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const { query } of rows) {
    const key = utteranceKey(query);
    if (seen.has(key)) continue;
    seen.add(key);
    texts.push(query);
  }
  return texts;
}

export async function dismissedUtterances(db: LuisDb, appId: string, versionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('luis_dismissed_utterances').select('text').where('app_id', '=', appId).where('version_id', '=', versionId).execute();
  return new Set(rows.map((r) => r.text));
}

export async function dismissUtterance(db: LuisDb, appId: string, versionId: string, text: string, now: number): Promise<void> {
  await db.insertInto('luis_dismissed_utterances').values({ app_id: appId, version_id: versionId, text: utteranceKey(text), dismissed_at: now })
    .onConflict((oc) => oc.columns(['app_id', 'version_id', 'text']).doNothing()).execute();
}
