// What an import sends: a CLU project file (metadata + assets) goes as the
// Conversation format under the project name chosen, which the file must then
// carry too (Azure refuses a file naming another project); anything else is a
// LUIS app's JSON export, which the server migrates (format=Luis).

export const PROJECT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export type ImportRequest = { projectName: string; format: 'Conversation' | 'Luis'; body: Record<string, unknown> };

/** The request for `file`, or the problem to show before sending anything. */
export function importRequest(file: unknown, chosenName: string): ImportRequest | { problem: string } {
  if (file === null || typeof file !== 'object' || Array.isArray(file)) {
    return { problem: 'The file must hold one JSON object: a CLU project file or a LUIS app export.' };
  }
  const json = file as Record<string, unknown>;
  const metadata = json.metadata as Record<string, unknown> | null | undefined;
  const isClu = typeof metadata === 'object' && metadata !== null && typeof json.assets === 'object' && json.assets !== null;
  const fromFile = isClu ? metadata.projectName : json.name;
  const projectName = chosenName.trim() || (typeof fromFile === 'string' ? fromFile : '');
  if (!projectName) return { problem: 'The file names no project: enter a project name.' };
  if (!PROJECT_NAME.test(projectName)) {
    return { problem: `"${projectName}" is not a project name: use letters, digits, _ . and - only (at most 100), or enter another name.` };
  }
  return isClu
    ? { projectName, format: 'Conversation', body: { ...json, metadata: { ...metadata, projectName } } }
    : { projectName, format: 'Luis', body: json };
}
