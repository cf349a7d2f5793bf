// The console API's JSON shapes as the CLI receives them: the server's own
// schemas, so a change there is a type error here.
import type { Static } from '@sinclair/typebox';
import type { AuditPageSchema } from '../console/routes/account-audit.ts';
import type { AccountSchema, AuthoringKeySchema, KeysSchema, ResourceSchema, ResourceWithKeysSchema, UsageSchema } from '../console/views.ts';

export type AccountBody = Static<typeof AccountSchema>;
export type AuthoringKeyBody = Static<typeof AuthoringKeySchema>;
export type ResourceBody = Static<typeof ResourceSchema>;
export type ResourceWithKeysBody = Static<typeof ResourceWithKeysSchema>;
export type KeysBody = Static<typeof KeysSchema>;
export type UsageBody = Static<typeof UsageSchema>;
export type AuditPageBody = Static<typeof AuditPageSchema>;
export interface LoginBody { token: string; expiresAt: string; email: string }
