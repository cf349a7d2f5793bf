// The import API names the field at fault ("The app is not valid:
// .intents[0].name: must be a string, got number"); the import form shows that
// field apart from the problem, so a person can find it in their file.

export type FieldProblem = { field?: string; problem: string };

const PREFIX = 'The app is not valid: ';

export function importProblem(message: string): FieldProblem {
  if (!message.startsWith(PREFIX)) return { problem: message };
  const rest = message.slice(PREFIX.length);
  const colon = rest.indexOf(': ');
  if (colon <= 0) return { problem: rest };
  const field = rest.slice(0, colon).replace(/^\./, '');
  return { field, problem: rest.slice(colon + 2) };
}

/** A LUIS export is one JSON object; say so before sending anything else. */
export function checkAppFile(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'The file must hold one LUIS app: a JSON object, as luis.ai or Portico export it.';
  return undefined;
}
