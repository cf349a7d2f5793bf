// CLU's prebuilt entity components and the engine's prebuilt recognisers that
// find them. A category not listed here is refused at import rather than
// accepted and never found.
export interface CluPrebuilt {
  category: string;
  /** The engine's (LUIS's) prebuilt name. */
  engine: string;
  description: string;
  examples: string;
}

export const CLU_PREBUILTS: readonly CluPrebuilt[] = [
  { category: 'Quantity.Age', engine: 'age', description: 'Ages', examples: '30 years old, 6 months' },
  { category: 'Quantity.Number', engine: 'number', description: 'Cardinal numbers', examples: '3, twenty, 1.5' },
  { category: 'Quantity.Percentage', engine: 'percentage', description: 'Percentages', examples: '20%, fifty percent' },
  { category: 'Quantity.Ordinal', engine: 'ordinalV2', description: 'Ordinal numbers', examples: 'first, 3rd, last' },
  { category: 'Quantity.Dimension', engine: 'dimension', description: 'Lengths, areas, volumes, speeds', examples: '10 km, 3 square feet' },
  { category: 'Quantity.Temperature', engine: 'temperature', description: 'Temperatures', examples: '72 degrees, 20 °C' },
  { category: 'Quantity.Currency', engine: 'money', description: 'Amounts of money', examples: '$20, 5 euros' },
  { category: 'DateTime', engine: 'datetimeV2', description: 'Dates, times, ranges and durations', examples: 'tomorrow at 5pm, next week' },
  { category: 'Person.Name', engine: 'personName', description: 'Names of people', examples: 'John Smith' },
  { category: 'General.Email', engine: 'email', description: 'Email addresses', examples: 'user@example.com' },
  { category: 'General.Phone', engine: 'phonenumber', description: 'Phone numbers', examples: '(425) 555-0100' },
  { category: 'General.URL', engine: 'url', description: 'Web addresses', examples: 'https://www.example.com' },
  { category: 'Geography.Location', engine: 'geographyV2', description: 'Cities, countries and other places', examples: 'Seattle, France' },
  { category: 'KeyPhrase', engine: 'keyPhrase', description: 'Key phrases', examples: 'the quarterly report' },
];

export const prebuiltByCategory = new Map(CLU_PREBUILTS.map((p) => [p.category, p]));
export const prebuiltByEngineName = new Map(CLU_PREBUILTS.map((p) => [p.engine, p]));
