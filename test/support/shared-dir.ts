// Where `../shared` is (the Azure specs, exported LUIS apps, NLU benchmark
// data): beside the repository, as laid out for development and for CI.
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const LUIS_FIXTURES_DIR = `${SHARED_DIR}fixtures/luis-apps/`;
