// The engine's Prediction in the shape of the LUIS v3.0 runtime response:
// intents by name, entities grouped by name (or role) with values typed per
// entity kind, and `$instance` positions when verbose.
import type { PredictedEntity, Prediction } from '../../nlu/index.ts';
import { MODEL_TYPE_OF_KIND } from '../app/model-types.ts';


const num = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const n = Number(v.replace(/%$/, ''));
  return Number.isFinite(n) ? n : v;
};

/** v3 values of prebuilt entities, from the v2-style resolution the engine reports. */
function prebuiltValue(e: PredictedEntity): unknown {
  const r = e.resolution ?? {};
  switch (e.entity) {
    case 'number':
    case 'percentage':
      return num(r.value);
    case 'ordinal':
    case 'ordinalV2':
      return r.offset !== undefined ? { offset: num(r.offset), relativeTo: r.relativeTo ?? 'start' } : { offset: num(r.value), relativeTo: 'start' };
    case 'money':
    case 'dimension':
    case 'age':
    case 'temperature':
      return { number: num(r.value), units: r.unit ?? r.units };
    case 'datetimeV2': {
      const values = (r.values as Array<Record<string, unknown>> | undefined) ?? [];
      const byTimex = new Map<string, { timex: string; resolution: Array<Record<string, unknown>> }>();
      for (const v of values) {
        const timex = String(v.timex ?? '');
        if (!byTimex.has(timex)) byTimex.set(timex, { timex, resolution: [] });
        const { timex: _t, type: _type, ...rest } = v;
        byTimex.get(timex)!.resolution.push(rest);
      }
      return { type: String(values[0]?.type ?? e.type.replace(/^builtin\.datetimeV2\./, '')), values: [...byTimex.values()] };
    }
    case 'geographyV2':
      return { value: r.value ?? e.text, type: r.type };
    default:
      return typeof r.value === 'string' ? r.value : e.text;
  }
}

function value(e: PredictedEntity, verbose: boolean): unknown {
  switch (e.kind) {
    case 'list':
      return (e.resolution?.values as string[] | undefined) ?? [e.text];
    case 'prebuilt':
      return prebuiltValue(e);
    case 'external':
      return e.resolution ?? e.text;
    case 'machineLearned':
    case 'composite':
    case 'hierarchical':
      return e.children?.length ? group(e.children, verbose) : e.text;
    default:
      return e.text;
  }
}

function instance(e: PredictedEntity) {
  return {
    type: e.kind === 'prebuilt' ? e.type : e.entity,
    text: e.text,
    startIndex: e.startIndex,
    length: e.endIndex - e.startIndex + 1,
    ...(e.score !== undefined ? { score: e.score } : {}),
    modelTypeId: MODEL_TYPE_OF_KIND[e.kind].id,
    modelType: MODEL_TYPE_OF_KIND[e.kind].name,
    ...(e.role ? { role: e.role } : {}),
    recognitionSources: [e.kind === 'external' ? 'externalEntities' : 'model'],
  };
}

function group(entities: PredictedEntity[], verbose: boolean): Record<string, unknown> {
  const out: Record<string, unknown[]> = {};
  const inst: Record<string, unknown[]> = {};
  for (const e of entities) {
    // Hierarchical children arrive as Parent::Child; v3 names them by the child.
    const key = e.role || (e.kind === 'hierarchical' && e.type.includes('::') ? e.type.split('::')[1] : e.entity);
    (out[key] ??= []).push(value(e, verbose));
    if (verbose) (inst[key] ??= []).push(instance(e));
  }
  return verbose ? { ...out, $instance: inst } : out;
}

export interface V3Options {
  verbose: boolean;
  showAllIntents: boolean;
}

export function v3Response(p: Prediction, options: V3Options) {
  const intents: Record<string, { score: number }> = {};
  for (const i of options.showAllIntents ? p.intents : p.intents.slice(0, 1)) intents[i.intent] = { score: i.score };
  // Composite children are reported inside the composite only.
  const spanKey = (e: PredictedEntity) => `${e.entity}|${e.startIndex}|${e.endIndex}`;
  const inComposite = new Set(p.entities.filter((e) => e.kind === 'composite').flatMap((c) => (c.children ?? []).map(spanKey)));
  const top = p.entities.filter((e) => e.kind === 'composite' || !inComposite.has(spanKey(e)));
  return {
    query: p.query,
    prediction: {
      topIntent: p.topIntent,
      intents,
      entities: group(top, options.verbose),
    },
  };
}
