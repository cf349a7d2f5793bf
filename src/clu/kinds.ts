// The resource kinds whose keys call CLU, runtime and authoring alike (CLU has
// no separate authoring key): a Language resource, or a multi-service one.
export const LANGUAGE_KINDS = ['TextAnalytics', 'CognitiveServices'] as const;
