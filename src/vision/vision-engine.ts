// The Computer Vision operations over accepted images, without HTTP: pixel work goes
// to the worker pool, and tags, categories and captions are derived here from the
// evidence the workers return.
import { availableParallelism } from 'node:os';
import type { AcceptedImage } from './image/intake.ts';
import type { AcceptedPdf } from './document/pdf.ts';
import type { EvidenceNeed, ThumbnailRequest } from './analyzers/image-analyzer.ts';
import { adultInfoFrom } from './analyzers/adult.ts';
import { unturn, type TextReading } from './analyzers/text-reading.ts';
import { WorkerPool } from './pool/worker-pool.ts';
import type { JobResults, PdfPageReading, VisionJob } from './pool/messages.ts';
import { tagsFrom } from './describe/tags.ts';
import { categoriesFrom } from './describe/categories.ts';
import { captionsFrom } from './describe/captions.ts';
import { ocrRegions, readLines, type OcrRegion, type ReadLine } from './text/text-layout.ts';
import {
  MODEL_VERSION, type BoundingRect, type DetectedObject, type FaceDescription, type ImageAnalysis,
  type ImageDescriptionDetails, type ImageEvidence, type ImageMetadata, type ImageTag, type VisualFeature,
} from './types.ts';

export interface VisionEngineOptions {
  /** Worker threads; defaults to the number of cores. */
  workers?: number;
  /** Per-request deadline in ms (Azure answers 500 Timeout past it). */
  timeoutMs?: number;
  warmUpTimeoutMs?: number;
}

export type Analysis = Omit<ImageAnalysis, 'requestId'>;

export interface OcrResult {
  language: string;
  textAngle?: number;
  orientation: string;
  regions: OcrRegion[];
  modelVersion: string;
}

export interface ReadPageResult {
  page: number;
  language?: string;
  angle: number;
  width: number;
  height: number;
  /** Images are measured in pixels, PDF pages in inches, as Read does. */
  unit: 'pixel' | 'inch';
  lines: ReadLine[];
}

/** Scanned PDF pages are rendered at this resolution for OCR. */
export const PDF_SCAN_DPI = 200;
/**
 * PDF pages go to the workers a few at a time: each job stays well inside the
 * per-job deadline, and other requests get a worker between a long document's jobs.
 */
const PDF_PAGES_PER_JOB = 4;

/** Read's model version, as the v3.2 Read API reports it. */
export const READ_MODEL_VERSION = '2021-04-12';
/** Words the description lists. */
const DESCRIPTION_TAGS = 10;
const DESCRIPTION_TAG_CONFIDENCE = 0.5;

export const NEEDS_OF_FEATURE: Record<VisualFeature, EvidenceNeed[]> = {
  Faces: ['faces'],
  Objects: ['objects'],
  Adult: ['nsfw'],
  Color: ['color'],
  ImageType: ['imageType'],
  Brands: [],
  Tags: ['faces', 'objects', 'nsfw', 'color', 'imageType', 'text'],
  Categories: ['faces', 'objects', 'color', 'imageType', 'text'],
  Description: ['faces', 'objects', 'nsfw', 'color', 'imageType', 'text'],
};

function publicFace(f: { age: number; gender: 'Male' | 'Female'; faceRectangle: FaceDescription['faceRectangle'] }): FaceDescription {
  return { age: f.age, gender: f.gender, faceRectangle: f.faceRectangle };
}

function describeFrom(e: ImageEvidence, tags: ImageTag[], maxCandidates: number): ImageDescriptionDetails {
  return {
    tags: tags.filter((t) => t.confidence >= DESCRIPTION_TAG_CONFIDENCE).slice(0, DESCRIPTION_TAGS).map((t) => t.name),
    captions: captionsFrom(e).slice(0, maxCandidates),
  };
}

/** Degrees normalised to Read's range (-180, 180], two decimals. */
export function readAngle(degrees: number): number {
  let a = degrees % 360;
  if (a <= -180) a += 360;
  if (a > 180) a -= 360;
  return Math.round(a * 100) / 100;
}

export class VisionEngine {
  private readonly pool: WorkerPool<VisionJob, unknown>;
  private readonly workers: number;

  constructor(options: VisionEngineOptions = {}) {
    this.workers = options.workers ?? availableParallelism();
    this.pool = new WorkerPool({
      size: this.workers,
      entry: new URL('./pool/worker-entry.mjs', import.meta.url),
      timeoutMs: options.timeoutMs ?? 30_000,
      warmUpTimeoutMs: options.warmUpTimeoutMs ?? 120_000,
    });
  }

  /** Loads the models in the background; calls made meanwhile wait for them. */
  start(): Promise<void> { return this.pool.start(); }

  get isWarm(): boolean { return this.pool.isWarm; }

  close(): Promise<void> { return this.pool.close(); }

  private job<K extends VisionJob['op']>(request: Extract<VisionJob, { op: K }>): Promise<JobResults[K]> {
    return this.pool.run(request) as Promise<JobResults[K]>;
  }

  /**
   * Face detection costs about as much as all other engines together, so when both
   * are wanted and there is more than one worker they run side by side: an idle
   * server answers in half the time, a busy one does the same total work.
   */
  private async evidence(image: AcceptedImage, needs: Iterable<EvidenceNeed>): Promise<ImageEvidence> {
    const wanted = [...new Set(needs)];
    const rest = wanted.filter((n) => n !== 'faces');
    const ask = (list: EvidenceNeed[]) => this.job({ op: 'evidence', image: image.bytes, metadata: image.metadata, needs: list });
    if (this.workers < 2 || !wanted.includes('faces') || !rest.some((n) => n === 'objects' || n === 'nsfw')) return ask(wanted);
    const [faces, others] = await Promise.all([ask(['faces']), ask(rest)]);
    return { ...others, faces: faces.faces };
  }

  /** The engines' evidence that the given v3.2 features rest on, for an API that shapes it its own way (Image Analysis 4.0). */
  evidenceFor(image: AcceptedImage, features: readonly VisualFeature[]): Promise<ImageEvidence> {
    return this.evidence(image, features.flatMap((f) => NEEDS_OF_FEATURE[f]));
  }

  async analyze(image: AcceptedImage, features: readonly VisualFeature[], maxCandidates = 1): Promise<Analysis> {
    const wanted = new Set(features);
    const e = await this.evidence(image, features.flatMap((f) => NEEDS_OF_FEATURE[f]));
    const result: Analysis = { metadata: image.metadata, modelVersion: MODEL_VERSION };
    const tags = wanted.has('Tags') || wanted.has('Description') ? tagsFrom(e) : [];
    if (wanted.has('Categories')) result.categories = categoriesFrom(e);
    if (wanted.has('Adult') && e.nsfw) result.adult = adultInfoFrom(e.nsfw);
    if (wanted.has('Color')) result.color = e.color;
    if (wanted.has('ImageType')) result.imageType = e.imageType;
    if (wanted.has('Tags')) result.tags = tags;
    if (wanted.has('Description')) result.description = describeFrom(e, tags, maxCandidates);
    if (wanted.has('Faces')) result.faces = (e.faces ?? []).map(publicFace);
    if (wanted.has('Objects')) result.objects = e.objects ?? [];
    // No brand logo model ships in any npm package; an empty list is the honest answer.
    if (wanted.has('Brands')) result.brands = [];
    return result;
  }

  async describe(image: AcceptedImage, maxCandidates: number): Promise<{ description: ImageDescriptionDetails; metadata: ImageMetadata; modelVersion: string }> {
    const e = await this.evidence(image, NEEDS_OF_FEATURE.Description);
    return { description: describeFrom(e, tagsFrom(e), maxCandidates), metadata: image.metadata, modelVersion: MODEL_VERSION };
  }

  async tag(image: AcceptedImage): Promise<{ tags: ImageTag[]; metadata: ImageMetadata; modelVersion: string }> {
    const e = await this.evidence(image, NEEDS_OF_FEATURE.Tags);
    return { tags: tagsFrom(e), metadata: image.metadata, modelVersion: MODEL_VERSION };
  }

  async detect(image: AcceptedImage): Promise<{ objects: DetectedObject[]; metadata: ImageMetadata; modelVersion: string }> {
    const e = await this.evidence(image, ['objects']);
    return { objects: e.objects ?? [], metadata: image.metadata, modelVersion: MODEL_VERSION };
  }

  async areaOfInterest(image: AcceptedImage): Promise<{ areaOfInterest: BoundingRect; metadata: ImageMetadata; modelVersion: string }> {
    const rect = await this.job({ op: 'areaOfInterest', image: image.bytes, metadata: image.metadata });
    return { areaOfInterest: rect, metadata: image.metadata, modelVersion: MODEL_VERSION };
  }

  async thumbnail(image: AcceptedImage, request: ThumbnailRequest): Promise<{ bytes: Buffer; contentType: string }> {
    const t = await this.job({ op: 'thumbnail', image: image.bytes, metadata: image.metadata, thumbnail: request });
    return { bytes: Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength), contentType: t.contentType };
  }

  private readText(image: AcceptedImage, detectOrientation: boolean, pages: number[]): Promise<TextReading[]> {
    return this.job({ op: 'readText', image: image.bytes, metadata: image.metadata, detectOrientation, pages });
  }

  async ocr(image: AcceptedImage, detectOrientation: boolean): Promise<OcrResult> {
    const [reading] = await this.readText(image, detectOrientation, [0]);
    return {
      language: reading.blocks.length > 0 ? 'en' : 'unk',
      // Present only when orientation was detected, as the contract says.
      ...(reading.angleRadians !== undefined ? { textAngle: reading.angleRadians } : {}),
      orientation: reading.orientation,
      regions: ocrRegions(reading.blocks),
      modelVersion: MODEL_VERSION,
    };
  }

  /** `pages` are 1-based page numbers that exist in the image or document. */
  async read(document: AcceptedImage | AcceptedPdf, pages: number[], language: string | undefined): Promise<ReadPageResult[]> {
    const lang = language ? { language } : {};
    if ('kind' in document) {
      // Shared memory: the document reaches every job without being copied again.
      const shared = new Uint8Array(new SharedArrayBuffer(document.bytes.length));
      shared.set(document.bytes);
      const readings: PdfPageReading[] = [];
      for (let i = 0; i < pages.length; i += PDF_PAGES_PER_JOB) {
        readings.push(...await this.job({ op: 'readPdf', document: shared, pages: pages.slice(i, i + PDF_PAGES_PER_JOB), dpi: PDF_SCAN_DPI }));
      }
      return readings.map((r, i) => ({ page: pages[i], ...lang, ...pdfPage(r) }));
    }
    const readings = await this.readText(document, true, pages.map((p) => p - 1));
    return readings.map((r, i) => ({ page: pages[i], ...lang, ...readPage(r, 1), unit: 'pixel' as const }));
  }
}

/**
 * A page's size, angle and lines from what OCR read; `unitsPerPixel` scales
 * pixels into the page's unit (1 for images, 1/dpi for rendered PDF pages).
 */
function readPage(r: TextReading, unitsPerPixel: number): { angle: number; width: number; height: number; lines: ReadLine[] } {
  const sideways = r.turn === 90 || r.turn === 270;
  const skewDegrees = ((r.angleRadians ?? 0) * 180) / Math.PI;
  const back = unturn(r.turn, r.width, r.height);
  const scale = (v: number) => (unitsPerPixel === 1 ? v : Math.round(v * unitsPerPixel * 10_000) / 10_000);
  return {
    // Read's angle is the text's rotation in the page as given, in degrees (-180, 180].
    angle: readAngle(skewDegrees - r.turn),
    width: scale(sideways ? r.height : r.width),
    height: scale(sideways ? r.width : r.height),
    lines: readLines(r.blocks, (x, y) => back(x, y).map(scale) as [number, number]),
  };
}

function pdfPage(r: PdfPageReading): Omit<ReadPageResult, 'page' | 'language'> {
  if (r.kind === 'text') return { angle: 0, width: r.size.width, height: r.size.height, unit: 'inch', lines: r.lines };
  return { ...readPage(r.reading, 1 / r.dpi), width: r.size.width, height: r.size.height, unit: 'inch' };
}
