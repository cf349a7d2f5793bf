// What the detected objects say about the scene: which object names suggest an
// indoor or an outdoor place, and which categories of the taxonomy they belong to.
import type { CategoryName } from './category-taxonomy.ts';

export const INDOOR_OBJECTS = new Set([
  'chair', 'couch', 'bed', 'dining table', 'toilet', 'television', 'Laptop', 'computer mouse', 'remote control',
  'computer keyboard', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'potted plant',
]);

export const OUTDOOR_OBJECTS = new Set([
  'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'fire hydrant',
  'stop sign', 'parking meter', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'kite', 'skis',
  'snowboard', 'surfboard',
]);

export const CATEGORY_OF_OBJECT: Record<string, CategoryName> = {
  cat: 'animal_cat', dog: 'animal_dog', horse: 'animal_horse', bird: 'animal_bird',
  sheep: 'animal_', cow: 'animal_', elephant: 'animal_', bear: 'animal_', zebra: 'animal_', giraffe: 'animal_', 'teddy bear': 'others_',
  bicycle: 'trans_bicycle', bus: 'trans_bus', car: 'trans_car', truck: 'trans_car', motorcycle: 'outdoor_road',
  train: 'outdoor_railway', boat: 'outdoor_water', airplane: 'outdoor_',
  pizza: 'food_pizza', 'hot dog': 'food_fastfood', sandwich: 'food_fastfood',
  banana: 'food_', apple: 'food_', orange: 'food_', broccoli: 'food_', carrot: 'food_', donut: 'food_', cake: 'food_',
  bottle: 'drink_', 'wine glass': 'drink_', cup: 'drink_',
  television: 'object_screen', Laptop: 'object_screen', 'cell phone': 'object_screen',
  'potted plant': 'plant_',
  bed: 'indoor_room', couch: 'indoor_room', 'dining table': 'indoor_room', chair: 'indoor_room',
  'traffic light': 'outdoor_street', 'stop sign': 'text_sign', 'fire hydrant': 'outdoor_street', 'parking meter': 'outdoor_street',
  'sports ball': 'outdoor_sportsfield', 'baseball bat': 'outdoor_sportsfield', 'baseball glove': 'outdoor_sportsfield', 'tennis racket': 'outdoor_sportsfield',
};
