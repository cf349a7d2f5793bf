import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, UsageSchema } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { badRequest } from '../../http/errors.ts';
import { DAY_MS } from '../../util/clock.ts';

const DAY = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const MAX_DAYS = 366;

function checkDay(name: string, value: string): void {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) throw badRequest(`querystring.${name} is not a calendar date: "${value}"`);
}

export const resourceUsage: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/resources/:name/usage', {
    onRequest: signedIn,
    schema: {
      summary: 'Calls per UTC day (by status class, refusals and operation) and this month\'s quota use; default: the last 30 days',
      params: ResourceParams,
      querystring: Type.Object({ from: Type.Optional(DAY), to: Type.Optional(DAY) }),
      response: { 200: UsageSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (request) => {
    const range = platform.usage.defaultRange();
    const from = request.query.from ?? range.from;
    const to = request.query.to ?? range.to;
    checkDay('from', from);
    checkDay('to', to);
    if (from > to) throw badRequest(`querystring.from (${from}) is after querystring.to (${to})`);
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_DAYS) throw badRequest(`the range may span at most ${MAX_DAYS} days`);
    const resource = await platform.resources.get(accountOf(request).id, request.params.name);
    return { resource: resource.name, ...(await platform.usage.report(resource, from, to)) };
  });
};
