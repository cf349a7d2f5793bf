// Composition root: config → platform (store, keys, limits) → services → HTTP server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { publicBaseUrl, type Config } from './config.ts';
import { createPlatform, type Platform, type PlatformOverrides } from './platform.ts';
import { buildServer } from './http/server.ts';
import { loadServices } from './services.ts';
import type { ServiceModule } from './service-module.ts';
import { createDemoAccount, describeDemo } from './demo.ts';
import { ApiError } from './http/errors.ts';

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  url: string;
  /** Lines printed at start (URL, and the demo account on a first start). */
  banner: string[];
  close(): Promise<void>;
}

export const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface StartOptions extends PlatformOverrides {
  logger?: boolean;
  services?: ServiceModule[];
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const platform = await createPlatform(config, options);
  const services = options.services ?? (await loadServices());
  try {
    const firstStart = config.demo && (await platform.accounts.countAccounts()) === 0;
    const mounts = await Promise.all(services.map((s) => s.mount(platform)));
    const app = await buildServer(platform, {
      services: mounts,
      webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : undefined,
      logger: options.logger,
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    if (config.port === 0) config.port = port;
    const url = publicBaseUrl(config);
    const banner = [`Portico is listening on ${url}/ (portal) — API reference: ${url}/api/openapi.json`];
    // Several processes started together on an empty database all see it empty;
    // the first to create the demo account wins and the others carry on without it.
    const demo = firstStart ? await createDemoAccount(platform).catch((err) => {
      if (err instanceof ApiError && err.statusCode === 409) return undefined;
      throw err;
    }) : undefined;
    if (demo) {
      banner.push(...describeDemo(platform, demo));
      for (const service of services) if (service.seedDemo) banner.push(...(await service.seedDemo(platform, demo)));
    }
    return {
      app, platform, url, banner,
      async close() {
        await app.close();
        for (const service of services) await service.close?.();
        await platform.close();
      },
    };
  } catch (err) {
    await platform.close();
    throw err;
  }
}
