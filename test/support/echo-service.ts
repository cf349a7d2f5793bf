// A test-only service behind the gateway: GET /test/echo answers with who
// called. It lets the platform tests and benchmarks exercise every gateway rule
// without depending on LUIS or Computer Vision.
import type { FastifyInstance } from 'fastify';
import type { ServiceModule } from '../../src/service-module.ts';

export const ECHO_OPERATION = 'test.echo';

export interface EchoOptions {
  /** Key kinds the echo route accepts (default ComputerVision). */
  accepts?: string[];
  meter?: string;
}

export function echoService(options: EchoOptions = {}): ServiceModule {
  const accepts = options.accepts ?? ['ComputerVision'];
  const meter = options.meter ?? 'vision';
  return {
    name: 'echo',
    async mount() {
      return {
        prefix: '/test',
        plugin: async (app: FastifyInstance) => {
          const handler = async (request: any) => ({
            resource: request.caller.resource.name,
            keySlot: request.caller.keySlot,
            region: request.caller.region,
          });
          app.get('/echo', { config: { gateway: { operation: ECHO_OPERATION, accepts, meter } } }, handler);
          app.post('/echo', { config: { gateway: { operation: ECHO_OPERATION, accepts, meter } } }, handler);
          // The same route without the gateway, for the benchmark's bare baseline.
          app.get('/bare', async () => ({ resource: 'none', keySlot: 0, region: 'none' }));
        },
      };
    },
  };
}
