// What a new password must be: long enough, and not one of the passwords
// attackers try first (zxcvbn-ts's list of 49,233 common passwords, compared
// without regard to case). Each rule refuses with a message naming it.
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;

let common: Set<string> | undefined;

/** The list, read once on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Why `password` (the field `field` of a request) may not be used, or undefined when it may. */
export function passwordProblem(field: string, password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (isCommonPassword(password)) return `${field} is on the list of commonly used passwords that attackers try first; choose another`;
  if (email && password.toLowerCase() === email.toLowerCase()) return `${field} must not be the account's e-mail address`;
  return undefined;
}
