// Brute-force limits of the console's credential calls: log-in, sign-up and
// password change are each counted per account and per client address in
// sliding windows. Unknown e-mails are counted like known ones, so a 429 says
// nothing about which accounts exist.
import { createHash } from 'node:crypto';
import type { AttemptLimiter, AttemptRule } from '../limits/attempts.ts';
import { ApiError } from '../http/errors.ts';

const MINUTE = 60_000;

export const ATTEMPT_RULES = {
  loginAccount: { name: 'login-account', limit: 10, windowMs: 15 * MINUTE },
  loginAddress: { name: 'login-address', limit: 100, windowMs: 15 * MINUTE },
  signupAccount: { name: 'signup-account', limit: 5, windowMs: 60 * MINUTE },
  signupAddress: { name: 'signup-address', limit: 30, windowMs: 60 * MINUTE },
  passwordAccount: { name: 'password-account', limit: 10, windowMs: 15 * MINUTE },
  passwordAddress: { name: 'password-address', limit: 100, windowMs: 15 * MINUTE },
} satisfies Record<string, AttemptRule>;

type Action = 'login' | 'signup' | 'password';

const WHAT: Record<Action, string> = { login: 'log-in', signup: 'sign-up', password: 'password change' };

function describeWindow(ms: number): string {
  return ms % (60 * MINUTE) === 0 ? `${ms / (60 * MINUTE)} hour${ms === 60 * MINUTE ? '' : 's'}` : `${ms / MINUTE} minutes`;
}

export const tooManyAttempts = (action: Action, by: 'account' | 'address', rule: AttemptRule, retryAfterSeconds: number) => new ApiError(429, 'TooManyAttempts',
  `Too many ${WHAT[action]} attempts ${by === 'account' ? 'for this account' : 'from your address'}: at most ${rule.limit} in ${describeWindow(rule.windowMs)}. ` +
  `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
  {}, { 'Retry-After': String(retryAfterSeconds) });

/** E-mails are counted by digest, so a shared limiter (Redis) never holds them. */
export function emailSubject(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

export type AttemptRules = Record<keyof typeof ATTEMPT_RULES, AttemptRule>;

export class AttemptGuard {
  constructor(private limiter: AttemptLimiter, private now: () => number, private rules: AttemptRules = ATTEMPT_RULES) {}

  /**
   * Runs a log-in, counting it only if it fails: a user who signs in often is
   * never locked out, a guesser is after `limit` wrong passwords. Throws 429
   * before trying once the e-mail or the address has used its window.
   */
  async login<T>(email: string, address: string, attempt: () => Promise<T>): Promise<T> {
    const now = this.now();
    const subject = emailSubject(email);
    await this.admit('login', this.rules.loginAddress, address, this.rules.loginAccount, subject, 'check');
    try {
      return await attempt();
    } catch (err) {
      await this.limiter.take(this.rules.loginAddress, address, now);
      await this.limiter.take(this.rules.loginAccount, subject, now);
      throw err;
    }
  }

  signup(email: string, address: string): Promise<void> {
    return this.admit('signup', this.rules.signupAddress, address, this.rules.signupAccount, emailSubject(email));
  }

  passwordChange(accountId: string, address: string): Promise<void> {
    return this.admit('password', this.rules.passwordAddress, address, this.rules.passwordAccount, accountId);
  }

  /** The address first: an attack spread over many accounts is stopped without touching their counters. */
  /** `check` refuses a spent window without counting the attempt (a log-in counts only once it fails). */
  private async admit(action: Action, addressRule: AttemptRule, address: string, accountRule: AttemptRule, account: string, mode: 'take' | 'check' = 'take'): Promise<void> {
    const now = this.now();
    const byAddress = await this.limiter[mode](addressRule, address, now);
    if (!byAddress.allowed) throw tooManyAttempts(action, 'address', addressRule, byAddress.retryAfterSeconds);
    const byAccount = await this.limiter[mode](accountRule, account, now);
    if (!byAccount.allowed) throw tooManyAttempts(action, 'account', accountRule, byAccount.retryAfterSeconds);
  }
}
