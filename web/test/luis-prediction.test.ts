import { describe, expect, it } from 'vitest';
import { fromV3 } from '../src/luis/prediction.ts';

describe('a v3.0 prediction in the Test panel', () => {
  it('lists intents highest first and top-level entities by position, with inclusive end indexes', () => {
    const shown = fromV3({
      query: 'turn on the kitchen lights',
      prediction: {
        topIntent: 'HomeAutomation',
        intents: { None: { score: 0.02 }, HomeAutomation: { score: 0.98 } },
        entities: {
          Device: [['light']], Room: ['kitchen'],
          $instance: {
            Device: [{ type: 'Device', text: 'lights', startIndex: 20, length: 6 }],
            Room: [{ type: 'Room', text: 'kitchen', startIndex: 12, length: 7, score: 0.91 }],
          },
        },
      },
    });
    expect(shown).toEqual({
      query: 'turn on the kitchen lights',
      topScoringIntent: { intent: 'HomeAutomation', score: 0.98 },
      intents: [{ intent: 'HomeAutomation', score: 0.98 }, { intent: 'None', score: 0.02 }],
      entities: [
        { entity: 'kitchen', type: 'Room', startIndex: 12, endIndex: 18, score: 0.91 },
        { entity: 'lights', type: 'Device', startIndex: 20, endIndex: 25 },
      ],
    });
  });

  it('shows no entities when the answer has none', () => {
    expect(fromV3({ query: 'hi', prediction: { topIntent: 'None', intents: { None: { score: 1 } }, entities: {} } }).entities).toEqual([]);
  });
});
