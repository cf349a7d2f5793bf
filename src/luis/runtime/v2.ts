// The engine's Prediction in the shape of the LUIS v2.0 runtime response.
import type { PredictedEntity, Prediction } from '../../nlu/index.ts';

export interface V2Entity {
  entity: string;
  type: string;
  startIndex: number;
  endIndex: number;
  score?: number;
  resolution?: Record<string, unknown>;
  role?: string;
}

/** v2 has no nesting: children of machine-learned entities are listed beside their parent. */
function flatten(entities: PredictedEntity[]): PredictedEntity[] {
  return entities.flatMap((e) => (e.kind === 'composite' || !e.children?.length ? [e] : [e, ...flatten(e.children)]));
}

function v2Entity(e: PredictedEntity): V2Entity {
  const out: V2Entity = { entity: e.kind === 'prebuilt' ? e.text : e.text.toLowerCase(), type: e.type, startIndex: e.startIndex, endIndex: e.endIndex };
  if (e.score !== undefined) out.score = e.score;
  if (e.resolution !== undefined) out.resolution = e.resolution;
  if (e.role) out.role = e.role;
  return out;
}

export function v2Response(p: Prediction, verbose: boolean) {
  const top = p.intents[0] ?? { intent: p.topIntent, score: 1 };
  return {
    query: p.query,
    topScoringIntent: { intent: top.intent, score: top.score },
    ...(verbose ? { intents: p.intents.map((i) => ({ intent: i.intent, score: i.score })) } : {}),
    entities: flatten(p.entities).map(v2Entity),
    ...(p.compositeEntities.length ? {
      compositeEntities: p.compositeEntities.map((c) => ({
        parentType: c.parentType, value: c.value, ...(c.role ? { role: c.role } : {}),
        children: c.children.map((child) => ({ type: child.type, value: child.value })),
      })),
    } : {}),
  };
}
