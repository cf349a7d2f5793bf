// What the main thread asks the vision worker for, and what comes back.
import type { BoundingRect, ImageEvidence, ImageMetadata } from '../types.ts';
import type { EvidenceNeed, ThumbnailRequest } from '../analyzers/image-analyzer.ts';
import type { TextReading } from '../analyzers/text-reading.ts';
import type { PdfPageSize } from '../document/pdf.ts';
import type { ReadLine } from '../text/text-layout.ts';

/** A PDF page as read: its own text (exact, in inches), or for a scan what OCR read of its rendering. */
export type PdfPageReading =
  | { kind: 'text'; size: PdfPageSize; lines: ReadLine[] }
  | { kind: 'scan'; size: PdfPageSize; dpi: number; reading: TextReading };

export type VisionJob =
  | { op: 'evidence'; image: Uint8Array; metadata: ImageMetadata; needs: EvidenceNeed[] }
  | { op: 'areaOfInterest'; image: Uint8Array; metadata: ImageMetadata }
  | { op: 'thumbnail'; image: Uint8Array; metadata: ImageMetadata; thumbnail: ThumbnailRequest }
  | { op: 'readText'; image: Uint8Array; metadata: ImageMetadata; detectOrientation: boolean; pages: number[] }
  | { op: 'readPdf'; document: Uint8Array; pages: number[]; dpi: number };

export interface JobResults {
  evidence: ImageEvidence;
  areaOfInterest: BoundingRect;
  thumbnail: { bytes: Uint8Array; contentType: string };
  readText: TextReading[];
  readPdf: PdfPageReading[];
}
