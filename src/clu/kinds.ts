// The resource kinds whose keys call CLU. Prediction (analyze-conversations)
// takes a Language resource's key or a multi-service one's; authoring takes a
// Language resource's only, as on Azure, where a multi-service ("Cognitive
// Services") resource "can only be used for prediction" (docs/tokens.md has
// the sources). CLU has no separate authoring key.
export const LANGUAGE_KINDS = ['TextAnalytics', 'CognitiveServices'] as const;
export const LANGUAGE_AUTHORING_KINDS = ['TextAnalytics'] as const;

/** The 401 a key of another kind gets from the authoring API. */
export const NOT_A_LANGUAGE_KEY = 'Access denied: the conversational language understanding authoring API takes only the key of a Language (TextAnalytics) resource. ' +
  'A multi-service (CognitiveServices) key serves prediction (POST /language/:analyze-conversations) only; author, train and deploy projects with a Language resource\'s key.';
