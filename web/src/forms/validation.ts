// Field rules checked in the browser before a form is sent, so that a user
// sees what to fix next to the field. The server checks again and its message
// is shown when it refuses.

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The server's rules (src/accounts/password-rules.ts): the length is checked here,
// the list of common passwords only by the server, whose message is shown.
export const MIN_PASSWORD_LENGTH = 10;
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters, and not a commonly used password.`;
// Azure's rule for a Cognitive Services account name.
const RESOURCE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}[a-zA-Z0-9]$/;

export function checkEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address.';
  if (!EMAIL.test(email.trim())) return 'Enter an email address like name@example.com.';
  return undefined;
}

export type LoginFields = 'email' | 'password';

export function validateLogin(values: Record<LoginFields, string>): FieldErrors<LoginFields> {
  const errors: FieldErrors<LoginFields> = {};
  const email = checkEmail(values.email);
  if (email) errors.email = email;
  if (!values.password) errors.password = 'Enter your password.';
  return errors;
}

export type SignupFields = 'email' | 'password' | 'confirm';

export function validateSignup(values: Record<SignupFields, string>): FieldErrors<SignupFields> {
  const errors: FieldErrors<SignupFields> = {};
  const email = checkEmail(values.email);
  if (email) errors.email = email;
  if (!values.password) errors.password = 'Choose a password.';
  else if (values.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (!values.confirm) errors.confirm = 'Type the password again.';
  else if (values.confirm !== values.password) errors.confirm = 'The passwords do not match.';
  return errors;
}

export type ResourceFields = 'name' | 'kind' | 'tier' | 'region';

export function checkResourceName(name: string): string | undefined {
  if (!name) return 'Enter a name for the resource.';
  if (name.length < 2 || name.length > 64) return 'The name must be 2 to 64 characters long.';
  if (!RESOURCE_NAME.test(name)) {
    return 'Use letters, digits and hyphens only, starting and ending with a letter or digit.';
  }
  return undefined;
}

export function validateResource(
  values: Record<ResourceFields, string>,
  existingNames: readonly string[] = [],
): FieldErrors<ResourceFields> {
  const errors: FieldErrors<ResourceFields> = {};
  const name = checkResourceName(values.name);
  if (name) errors.name = name;
  else if (existingNames.some((n) => n.toLowerCase() === values.name.toLowerCase())) {
    errors.name = `You already have a resource named ${values.name}.`;
  }
  if (!values.kind) errors.kind = 'Choose a kind of resource.';
  if (!values.tier) errors.tier = 'Choose a pricing tier.';
  if (!values.region) errors.region = 'Choose a region.';
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.values(errors).some(Boolean);
}
