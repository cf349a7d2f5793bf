// Which prebuilt entities this engine can recognise in which language. The
// number, unit and date models are Recognizers-Text's (its JavaScript release
// has them for English, French, Spanish, Portuguese, Chinese and Japanese, not
// all of them in every language; none for German, Italian or Dutch). Email, URL
// and phone number are patterns, not words, and are recognised in every
// culture. personName and keyPhrase (an English part-of-speech tagger) and
// geographyV2 (an English place-name lexicon) are English only.

/** Language (the culture's first part) → prebuilts with a model for it; `*` = every language. */
const PREBUILT_LANGUAGES: Record<string, readonly string[]> = {
  number: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  ordinal: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  ordinalV2: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  percentage: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  money: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  age: ['en', 'fr', 'es', 'pt', 'zh', 'ja'],
  dimension: ['en', 'fr', 'es', 'pt', 'zh'],
  temperature: ['en', 'fr', 'es', 'pt', 'zh'],
  datetimeV2: ['en', 'fr', 'es', 'zh'],
  email: ['*'],
  url: ['*'],
  phonenumber: ['*'],
  geographyV2: ['en'],
  personName: ['en'],
  keyPhrase: ['en'],
};

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', es: 'Spanish', pt: 'Portuguese', zh: 'Chinese', ja: 'Japanese' };

export const languageOf = (culture: string): string => culture.toLowerCase().split('-')[0];

/** Why a prebuilt cannot be recognised in a culture, or undefined when it can (or is not one this engine recognises at all). */
export function prebuiltCultureProblem(name: string, culture: string): string | undefined {
  const languages = PREBUILT_LANGUAGES[name];
  if (!languages || languages.includes('*') || languages.includes(languageOf(culture))) return undefined;
  return `the prebuilt entity "${name}" cannot be recognised in ${culture}: Portico recognises it in ${languages.map((l) => LANGUAGE_NAMES[l]).join(', ')} only`;
}
