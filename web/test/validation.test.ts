import { describe, expect, it } from 'vitest';
import { checkResourceName, hasErrors, validateLogin, validateResource, validateSignup } from '../src/forms/validation.ts';

describe('sign-up form rules', () => {
  it('asks for every field when the form is empty', () => {
    expect(validateSignup({ email: '', password: '', confirm: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Choose a password.',
      confirm: 'Type the password again.',
    });
  });

  it('refuses an address without a domain', () => {
    expect(validateSignup({ email: 'ana@', password: 'longenough', confirm: 'longenough' }).email).toMatch(/name@example.com/);
  });

  it('refuses a password shorter than 10 characters, as the server does', () => {
    expect(validateSignup({ email: 'a@b.io', password: 'nine char', confirm: 'nine char' }).password).toBe('Use at least 10 characters.');
  });

  it('refuses a confirmation that differs from the password', () => {
    expect(validateSignup({ email: 'a@b.io', password: 'longenough', confirm: 'longenougH' }).confirm).toBe('The passwords do not match.');
  });

  it('accepts a complete, consistent form', () => {
    expect(hasErrors(validateSignup({ email: ' a@b.io ', password: 'longenough', confirm: 'longenough' }))).toBe(false);
  });
});

describe('sign-in form rules', () => {
  it('needs both the email and the password', () => {
    expect(validateLogin({ email: 'a@b.io', password: '' })).toEqual({ password: 'Enter your password.' });
    expect(validateLogin({ email: '', password: 'x' })).toEqual({ email: 'Enter your email address.' });
  });
});

describe('resource name rules (Azure: 2–64 letters, digits, hyphens)', () => {
  it.each(['ab', 'my-luis-1', 'A'.repeat(64)])('accepts %s', (name) => {
    expect(checkResourceName(name)).toBeUndefined();
  });

  it.each([
    ['', /Enter a name/],
    ['a', /2 to 64/],
    ['a'.repeat(65), /2 to 64/],
    ['-ab', /letters, digits and hyphens/],
    ['ab-', /letters, digits and hyphens/],
    ['a b', /letters, digits and hyphens/],
    ["a'; drop", /letters, digits and hyphens/],
  ])('refuses %j', (name, message) => {
    expect(checkResourceName(name)).toMatch(message);
  });

  it('refuses a name the account already uses, whatever its case', () => {
    const errors = validateResource({ name: 'MyVision', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, ['myvision']);
    expect(errors.name).toBe('You already have a resource named MyVision.');
  });

  it('needs a kind, a tier and a region', () => {
    expect(validateResource({ name: 'ok-name', kind: '', tier: '', region: '' })).toEqual({
      kind: 'Choose a kind of resource.',
      tier: 'Choose a pricing tier.',
      region: 'Choose a region.',
    });
  });
});
