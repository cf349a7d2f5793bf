// The services behind the gateway. A service is a Fastify plugin plus,
// optionally, what it adds to the demo account on first start.
import type { Platform } from './platform.ts';
import type { ServiceMount } from './http/server.ts';
import type { DemoAccount } from './demo.ts';

export interface ServiceModule {
  name: string;
  mount(platform: Platform): Promise<ServiceMount>;
  /** Adds demo data for the demo account; returns lines to print (e.g. a ready-to-paste curl). */
  seedDemo?(platform: Platform, demo: DemoAccount): Promise<string[]>;
  close?(): Promise<void>;
}

/** Every service Portico serves, in mount order. */
export async function loadServices(): Promise<ServiceModule[]> {
  const { luisModule } = await import('./luis/module.ts');
  const { visionService } = await import('./vision/service.ts');
  return [luisModule(), visionService()];
}
