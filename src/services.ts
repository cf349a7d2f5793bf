// The services behind the gateway, in mount order. This list imports the service
// modules; they import only `service-module.ts`, never this file.
import type { ServiceModule } from './service-module.ts';

/** Every service Portico serves, in mount order. */
export async function loadServices(): Promise<ServiceModule[]> {
  const { luisModule } = await import('./luis/module.ts');
  const { visionService } = await import('./vision/service.ts');
  const { cluModule } = await import('./clu/module.ts');
  const { stsModule } = await import('./tokens/sts-module.ts');
  return [stsModule(), luisModule(), visionService(), cluModule()];
}
