// The .lu file format (Bot Framework LU): parse to a LUIS app JSON and write
// an app back as .lu. The grammar is the Bot Framework's own parser
// (@microsoft/bf-lu) behind this adapter, so Portico reads exactly what
// `bf luis:build` reads; the adapter adds what a server needs: references
// resolved only through the caller (never from the server's disk), QnA
// content refused instead of dropped, and errors that name the line.
import { createRequire } from 'node:module';
import { posix } from 'node:path';

const require = createRequire(import.meta.url);

interface BfDiagnostic { Message: string; Range?: { Start: { Line: number; Character: number } }; Severity?: string }
interface BfLu { id: string; content: string; language: string; path: string; includeInCollate: boolean }
interface BfLuis { parseToLuContent(): string; [key: string]: unknown }
interface BfModules {
  V2: {
    LU: new (content: string, options?: unknown) => BfLu;
    LUOptions: new (id?: string, includeInCollate?: boolean, language?: string, path?: string) => unknown;
    Luis: new (json?: unknown) => BfLuis;
    LuisBuilder: { fromLUAsync(lus: BfLu[], search: (srcId: string, ids: Array<{ filePath: string; includeInCollate: boolean }>) => Promise<BfLu[]>): Promise<BfLuis> };
  };
  parser: { parseFile(content: string, log: boolean, culture?: string): Promise<{ qnaJsonStructure: { qnaList: unknown[]; files: unknown[]; urls: unknown[] } }> };
}

let bf: BfModules | undefined;
/** bf-lu takes about 0.2 s to load (its ANTLR grammar); only the first .lu pays it. */
function bfLu(): BfModules {
  bf ??= require('@microsoft/bf-lu') as BfModules;
  return bf;
}

/** One problem of a .lu text, at a 1-based line when the parser knows it. */
export interface LuProblem { message: string; line?: number; file?: string }

/** A .lu text that cannot be read as a LUIS app: every problem, with its line. */
export class LuFormatError extends Error {
  readonly problems: LuProblem[];
  constructor(problems: LuProblem[]) {
    super(problems.map(describeProblem).join('; '));
    this.name = 'LuFormatError';
    this.problems = problems;
  }
}

export function describeProblem(p: LuProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

export interface ParseLuOptions {
  /** Culture when the text has no `> !# @app.culture`. */
  culture?: string;
  /** Name of the file, for references relative to it and for error messages. */
  file?: string;
  /**
   * The text of a file named by an `[import](path.lu)` reference, relative to
   * the file; undefined when it cannot be had. Without it every reference is refused.
   */
  resolve?: (path: string) => string | undefined;
}

/** A LUIS app JSON (the shape `versions/import` takes) from a .lu text. */
export async function parseLu(text: string, options: ParseLuOptions = {}): Promise<Record<string, unknown>> {
  const { V2 } = bfLu();
  const file = options.file ?? 'app.lu';
  await refuseQnA(text, file, options.culture);
  const missing: LuProblem[] = [];
  const sources = new Map<string, string>([[file, text]]);
  const search = async (srcId: string, ids: Array<{ filePath: string; includeInCollate: boolean }>): Promise<BfLu[]> => {
    const found: BfLu[] = [];
    for (const ref of ids) {
      const path = posix.normalize(posix.join(posix.dirname(srcId), ref.filePath));
      const content = options.resolve?.(path);
      if (content === undefined) {
        missing.push({ file: srcId, ...lineOf(sources.get(srcId), `](${ref.filePath}`), message: `the reference [import](${ref.filePath}) cannot be resolved${options.resolve ? '' : ': references are resolved only when the .lu files are imported together (portico luis import <file.lu> reads them beside the file)'}` });
        continue;
      }
      await refuseQnA(content, path, options.culture);
      sources.set(path, content);
      found.push(new V2.LU(content, new V2.LUOptions(path, ref.includeInCollate, options.culture ?? '')));
    }
    return found;
  };
  let luis: BfLuis;
  try {
    luis = await V2.LuisBuilder.fromLUAsync([new V2.LU(text, new V2.LUOptions(file, true, options.culture ?? ''))], search);
  } catch (err) {
    if (missing.length) throw new LuFormatError(missing);
    throw new LuFormatError(problemsOf(err, file));
  }
  if (missing.length) throw new LuFormatError(missing);
  const app = withoutImpliedFeatures(JSON.parse(JSON.stringify(luis)) as Record<string, unknown>);
  if (options.culture && !/@app\.culture\s*=/.test(text)) app.culture = options.culture;
  return app;
}

/** The .lu text of a LUIS app JSON (as `versions/{v}/export` gives it). */
export function toLu(app: Record<string, unknown>): string {
  const { V2 } = bfLu();
  try {
    return new V2.Luis(app).parseToLuContent();
  } catch (err) {
    throw new LuFormatError(problemsOf(err, 'app'));
  }
}

type FeatureJson = { featureName?: string; isRequired?: boolean };
type ModelJson = { features?: FeatureJson[]; children?: ModelJson[] };

/**
 * A phrase list enabled for all models is already a feature of every model;
 * bf-lu writes it into each model's features on some paths and not others,
 * so the optional copies are dropped and a round trip gives the same app.
 */
function withoutImpliedFeatures(app: Record<string, unknown>): Record<string, unknown> {
  const global = new Set(((app.phraselists ?? []) as Array<{ name: string; enabledForAllModels?: boolean }>).filter((p) => p.enabledForAllModels !== false).map((p) => p.name));
  const strip = (m: ModelJson): void => {
    if (m.features) m.features = m.features.filter((f) => !(f.featureName !== undefined && global.has(f.featureName) && !f.isRequired));
    m.children?.forEach(strip);
  };
  for (const key of ['intents', 'entities']) ((app[key] ?? []) as ModelJson[]).forEach(strip);
  return app;
}

/** Portico serves LUIS apps, not QnA Maker knowledge bases: a QnA section is refused, not dropped. */
async function refuseQnA(text: string, file: string, culture?: string): Promise<void> {
  let parsed;
  try {
    parsed = await bfLu().parser.parseFile(text, false, culture);
  } catch (err) {
    throw new LuFormatError(problemsOf(err, file));
  }
  const qna = parsed.qnaJsonStructure;
  if (qna.qnaList.length || qna.files.length || qna.urls.length) {
    const line = text.split(/\r?\n/).findIndex((l) => /^\s*#\s*\?/.test(l) || /\]\([^)]*\.qna\)/.test(l));
    throw new LuFormatError([{ file, ...(line >= 0 ? { line: line + 1 } : {}), message: 'QnA Maker content (a "# ?" question or a .qna reference) is not a LUIS construct; Portico imports LUIS models only' }]);
  }
}

function lineOf(text: string | undefined, needle: string): { line?: number } {
  const index = text?.split(/\r?\n/).findIndex((l) => l.includes(needle)) ?? -1;
  return index >= 0 ? { line: index + 1 } : {};
}

function problemsOf(err: unknown, file: string): LuProblem[] {
  const e = err as { diagnostics?: BfDiagnostic[]; text?: string; message?: string };
  const errors = (e.diagnostics ?? []).filter((d) => d.Severity === undefined || d.Severity === 'ERROR');
  if (errors.length) {
    return errors.map((d) => ({ file, ...(d.Range ? { line: d.Range.Start.Line } : {}), message: d.Message }));
  }
  const text = e.text ?? e.message ?? String(err);
  // bf-lu's text form: "[ERROR] line 6:0 - line 6:48: message"
  return text.split('\n').filter(Boolean).map((l) => {
    const m = /^\[ERROR\]\s*(?:line (\d+):\d+(?: - line \d+:\d+)?:\s*)?(.*)$/.exec(l);
    return m ? { file, ...(m[1] ? { line: Number(m[1]) } : {}), message: m[2]! } : { file, message: l };
  });
}
