// Sign in and sign up. Both check the fields in the browser first and show
// the server's own message when it refuses (wrong password, email taken).
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { accountKey } from '../api/session.ts';
import { Field } from '../components/Field.tsx';
import { ErrorMessage } from '../components/Status.tsx';
import {
  hasErrors,
  validateLogin,
  validateSignup,
  type FieldErrors,
  type LoginFields,
  type SignupFields,
  PASSWORD_RULE,
} from '../forms/validation.ts';

function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="auth">
      <main className="auth-card" id="main">
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true">P</span>
          Portico
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** Only same-app paths are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/resources';
}

export function LoginPage() {
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<LoginFields>>({});
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const login = useMutation({
    mutationFn: () => consoleApi.login(values.email.trim(), values.password),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accountKey });
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = validateLogin(values);
    setErrors(found);
    if (!hasErrors(found)) login.mutate();
  }

  return (
    <AuthFrame title="Sign in">
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <ErrorMessage error={login.error} />
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" autoComplete="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />}
        </Field>
        <Field label="Password" error={errors.password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={values.password} onChange={(e) => setValues({ ...values, password: e.target.value })} />}
        </Field>
        <button type="submit" className="button button-primary button-wide" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-switch">
        No account yet? <Link to="/signup">Create one</Link>
      </p>
    </AuthFrame>
  );
}

export function SignupPage() {
  const [values, setValues] = useState({ email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors<SignupFields>>({});
  const navigate = useNavigate();
  const client = useQueryClient();
  const signup = useMutation({
    mutationFn: async () => {
      const email = values.email.trim();
      await consoleApi.signup(email, values.password);
      await consoleApi.login(email, values.password);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accountKey });
      navigate('/account?welcome=1', { replace: true });
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = validateSignup(values);
    setErrors(found);
    if (!hasErrors(found)) signup.mutate();
  }

  return (
    <AuthFrame title="Create your account">
      <form onSubmit={submit} noValidate aria-label="Create account">
        <ErrorMessage error={signup.error} />
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" autoComplete="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />}
        </Field>
        <Field label="Password" error={errors.password} hint={PASSWORD_RULE}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.password} onChange={(e) => setValues({ ...values, password: e.target.value })} />}
        </Field>
        <Field label="Confirm password" error={errors.confirm}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.confirm} onChange={(e) => setValues({ ...values, confirm: e.target.value })} />}
        </Field>
        <button type="submit" className="button button-primary button-wide" disabled={signup.isPending}>
          {signup.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
