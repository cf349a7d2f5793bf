import type { ConsoleRoute } from '../route.ts';

export const catalog: ConsoleRoute = (app, { platform }) => {
  app.get('/catalog', { schema: { summary: 'Kinds, pricing tiers (rate and monthly quota) and regions' } }, async () => {
    const { catalog: c } = platform;
    return {
      authoringRegions: c.data.authoringRegions,
      regions: c.allRegions,
      kinds: c.data.kinds.map((kind) => ({ ...kind, regions: c.regionsOf(kind) })),
    };
  });
};
