// Shapes of the Computer Vision v3.2 wire format (computervision-v3.2.json) and
// of the evidence our engines produce before it is turned into that format.

export type ImageFormat = 'Jpeg' | 'Png' | 'Gif' | 'Bmp' | 'Tiff';

export interface ImageMetadata {
  width: number;
  height: number;
  format: ImageFormat;
}

export interface BoundingRect { x: number; y: number; w: number; h: number }

export interface FaceRectangle { left: number; top: number; width: number; height: number }

export interface FaceDescription {
  age: number;
  gender: 'Male' | 'Female';
  faceRectangle: FaceRectangle;
}

/** A face as the detector saw it: the wire fields plus how sure it was. */
export interface DetectedFace extends FaceDescription {
  detectionScore: number;
  genderProbability: number;
}

export interface ObjectHierarchy { object: string; confidence: number; parent?: ObjectHierarchy }

export interface DetectedObject {
  rectangle: BoundingRect;
  object: string;
  confidence: number;
  parent?: ObjectHierarchy;
}

export interface ColorInfo {
  dominantColorForeground: string;
  dominantColorBackground: string;
  dominantColors: string[];
  accentColor: string;
  isBWImg: boolean;
}

export interface ImageType { clipArtType: 0 | 1 | 2 | 3; lineDrawingType: 0 | 1 }

export interface AdultInfo {
  isAdultContent: boolean;
  isRacyContent: boolean;
  isGoryContent: boolean;
  adultScore: number;
  racyScore: number;
  goreScore: number;
}

/** nsfwjs's five class probabilities. */
export interface NsfwScores { Drawing: number; Hentai: number; Neutral: number; Porn: number; Sexy: number }

export interface ImageTag { name: string; confidence: number; hint?: string }
export interface ImageCaption { text: string; confidence: number }
export interface Category { name: string; score: number; detail?: { celebrities?: unknown[]; landmarks?: unknown[] } }
export interface ImageDescriptionDetails { tags: string[]; captions: ImageCaption[] }
export interface DetectedBrand { name: string; confidence: number; rectangle: BoundingRect }

export const VISUAL_FEATURES = ['Categories', 'Tags', 'Description', 'Faces', 'ImageType', 'Color', 'Adult', 'Objects', 'Brands'] as const;
export type VisualFeature = (typeof VISUAL_FEATURES)[number];

/** What the image-analysis worker measures; everything else is derived from it. */
export interface ImageEvidence {
  metadata: ImageMetadata;
  faces?: DetectedFace[];
  objects?: DetectedObject[];
  nsfw?: NsfwScores;
  color?: ColorInfo;
  imageType?: ImageType;
  /** Mean luminance 0..1 of the whole image. */
  brightness?: number;
  /** Share 0..1 of pixels that carry visible colour. */
  colouredShare?: number;
  /** Present when the picture was read for text (drawn or printed pictures only). */
  text?: TextEvidence;
}

/** Words found in the image when the analysis looked for text (see describe/text-evidence). */
export interface TextEvidence { words: string[]; meanConfidence: number }

export interface ImageAnalysis {
  categories?: Category[];
  adult?: AdultInfo;
  color?: ColorInfo;
  imageType?: ImageType;
  tags?: ImageTag[];
  description?: ImageDescriptionDetails;
  faces?: FaceDescription[];
  objects?: DetectedObject[];
  brands?: DetectedBrand[];
  requestId: string;
  metadata: ImageMetadata;
  modelVersion: string;
}

/** The one model version this service answers with (the v3.2 GA model name). */
export const MODEL_VERSION = '2021-04-01';
