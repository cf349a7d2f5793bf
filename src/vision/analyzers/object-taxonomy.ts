// The 80 COCO classes that the CenterNet detector knows (in its output order), the
// name each is reported under, and the v3.2-style parent chain ("dog" → "mammal" →
// "animal", "car" → "Land vehicle" → "Vehicle"). A parent is implied by its child,
// so it is reported with the child's confidence (a lower bound on its own).

export interface ObjectClass { name: string; parents: string[] }

const ANIMAL = ['mammal', 'animal'];
const LAND = ['Land vehicle', 'Vehicle'];
const FOOD = ['Food'];
const FRUIT = ['Fruit', 'Food'];
const VEG = ['Vegetable', 'Food'];
const FURNITURE = ['furniture'];
const KITCHEN = ['Kitchenware'];
const ELECTRONICS = ['electronic device'];
const SPORT = ['sports equipment'];

export const COCO_CLASSES: readonly ObjectClass[] = [
  { name: 'person', parents: [] },
  { name: 'bicycle', parents: ['cycle', ...LAND] },
  { name: 'car', parents: LAND },
  { name: 'motorcycle', parents: ['cycle', ...LAND] },
  { name: 'airplane', parents: ['Aircraft', 'Vehicle'] },
  { name: 'bus', parents: LAND },
  { name: 'train', parents: LAND },
  { name: 'truck', parents: LAND },
  { name: 'boat', parents: ['Watercraft', 'Vehicle'] },
  { name: 'traffic light', parents: [] },
  { name: 'fire hydrant', parents: [] },
  { name: 'stop sign', parents: ['sign'] },
  { name: 'parking meter', parents: [] },
  { name: 'bench', parents: FURNITURE },
  { name: 'bird', parents: ['animal'] },
  { name: 'cat', parents: ANIMAL },
  { name: 'dog', parents: ANIMAL },
  { name: 'horse', parents: ANIMAL },
  { name: 'sheep', parents: ANIMAL },
  { name: 'cow', parents: ANIMAL },
  { name: 'elephant', parents: ANIMAL },
  { name: 'bear', parents: ANIMAL },
  { name: 'zebra', parents: ANIMAL },
  { name: 'giraffe', parents: ANIMAL },
  { name: 'backpack', parents: ['bag'] },
  { name: 'umbrella', parents: [] },
  { name: 'handbag', parents: ['bag'] },
  { name: 'tie', parents: ['clothing'] },
  { name: 'suitcase', parents: ['bag'] },
  { name: 'frisbee', parents: SPORT },
  { name: 'skis', parents: SPORT },
  { name: 'snowboard', parents: SPORT },
  { name: 'sports ball', parents: SPORT },
  { name: 'kite', parents: [] },
  { name: 'baseball bat', parents: SPORT },
  { name: 'baseball glove', parents: SPORT },
  { name: 'skateboard', parents: SPORT },
  { name: 'surfboard', parents: SPORT },
  { name: 'tennis racket', parents: SPORT },
  { name: 'bottle', parents: ['container'] },
  { name: 'wine glass', parents: ['Drinkware', ...KITCHEN] },
  { name: 'cup', parents: ['Drinkware', ...KITCHEN] },
  { name: 'fork', parents: ['cutlery', ...KITCHEN] },
  { name: 'knife', parents: ['cutlery', ...KITCHEN] },
  { name: 'spoon', parents: ['cutlery', ...KITCHEN] },
  { name: 'bowl', parents: KITCHEN },
  { name: 'banana', parents: FRUIT },
  { name: 'apple', parents: FRUIT },
  { name: 'sandwich', parents: FOOD },
  { name: 'orange', parents: FRUIT },
  { name: 'broccoli', parents: VEG },
  { name: 'carrot', parents: VEG },
  { name: 'hot dog', parents: FOOD },
  { name: 'pizza', parents: FOOD },
  { name: 'donut', parents: FOOD },
  { name: 'cake', parents: FOOD },
  { name: 'chair', parents: ['seating', ...FURNITURE] },
  { name: 'couch', parents: ['seating', ...FURNITURE] },
  { name: 'potted plant', parents: ['plant'] },
  { name: 'bed', parents: FURNITURE },
  { name: 'dining table', parents: ['table', ...FURNITURE] },
  { name: 'toilet', parents: [] },
  { name: 'television', parents: ['display', ...ELECTRONICS] },
  { name: 'Laptop', parents: ['computer', ...ELECTRONICS] },
  { name: 'computer mouse', parents: ELECTRONICS },
  { name: 'remote control', parents: ELECTRONICS },
  { name: 'computer keyboard', parents: ELECTRONICS },
  { name: 'cell phone', parents: ['telephone', ...ELECTRONICS] },
  { name: 'microwave', parents: ['kitchen appliance'] },
  { name: 'oven', parents: ['kitchen appliance'] },
  { name: 'toaster', parents: ['kitchen appliance'] },
  { name: 'sink', parents: [] },
  { name: 'refrigerator', parents: ['kitchen appliance'] },
  { name: 'book', parents: [] },
  { name: 'clock', parents: [] },
  { name: 'vase', parents: ['container'] },
  { name: 'scissors', parents: [] },
  { name: 'teddy bear', parents: ['toy'] },
  { name: 'hair drier', parents: [] },
  { name: 'toothbrush', parents: [] },
];

/** Every name an object or one of its parents can be reported under. */
export function objectLineage(name: string): string[] {
  const cls = COCO_CLASSES.find((c) => c.name === name);
  return cls ? [cls.name, ...cls.parents] : [name];
}
