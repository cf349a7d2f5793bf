// Greedy non-maximum suppression within each class: a box is dropped when it
// overlaps an already kept, more confident box of the same class by more than
// `iouLimit`. Boxes of different classes may overlap (a person on a bicycle).

export interface ScoredBox { x1: number; y1: number; x2: number; y2: number; score: number; classIndex: number }

export function intersectionOverUnion(a: ScoredBox, b: ScoredBox): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const area = (r: ScoredBox) => (r.x2 - r.x1) * (r.y2 - r.y1);
  return inter / (area(a) + area(b) - inter);
}

export function suppressOverlaps<T extends ScoredBox>(boxes: readonly T[], iouLimit: number): T[] {
  const kept: T[] = [];
  for (const box of [...boxes].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => k.classIndex !== box.classIndex || intersectionOverUnion(k, box) <= iouLimit)) kept.push(box);
  }
  return kept;
}
