// Apps of a chosen size for the speed goals: each intent has its own keywords,
// mixed with shared filler words, so the classifier has real work to do.
import { parseLuisApp, type LuisApp } from '../../src/nlu/index.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), a | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ner', 'tus', 'pa', 'ri', 'sol', 'ven', 'da', 'qui', 'bor', 'fel', 'gan', 'hu', 'jin', 'el', 'or', 'am', 'zet'];
const FILLER = ['please', 'can', 'you', 'i', 'want', 'to', 'the', 'a', 'my', 'for', 'now', 'me', 'some', 'would', 'like', 'show', 'tell', 'about', 'with', 'today'];

export function syntheticApp(intents: number, utterances: number, seed: number): LuisApp {
  const r = rng(seed);
  const word = () => Array.from({ length: 2 + Math.floor(r() * 2) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
  const keywords = Array.from({ length: intents }, () => Array.from({ length: 12 }, word));
  const names = Array.from({ length: intents }, (_, i) => `Intent${i}`);
  const utts = Array.from({ length: utterances }, (_, u) => {
    const k = u % intents;
    const n = 4 + Math.floor(r() * 8);
    const words = Array.from({ length: n }, () => (r() < 0.35 ? keywords[k][Math.floor(r() * 12)] : FILLER[Math.floor(r() * FILLER.length)]));
    const thing = word();
    const text = `${words.join(' ')} ${thing}`;
    return { text, intent: names[k], entities: [{ entity: 'Thing', startPos: text.length - thing.length, endPos: text.length - 1 }] };
  });
  return parseLuisApp({
    luis_schema_version: '7.0.0', name: `synthetic-${intents}`, culture: 'en-us',
    intents: [...names, 'None'].map((name) => ({ name })),
    entities: [{ name: 'Thing', roles: [], children: [], features: [] }],
    utterances: utts,
  });
}
