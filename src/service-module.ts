// What a service behind the gateway is: a Fastify plugin plus, optionally, what
// it adds to the demo account on first start. Service modules (luis/, vision/, …)
// implement this; `services.ts` lists them. Neither imports the other's list.
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
