// The resource kinds whose keys are LUIS endpoint (prediction) keys: a LUIS
// resource, or a multi-service one (Azure lets both be assigned to an app and
// its v2 and v3 runtime take their keys; LUIS authoring takes neither).
export const ENDPOINT_KINDS: readonly string[] = ['LUIS', 'CognitiveServices'];
