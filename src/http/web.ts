// Serves the built portal: static files, and index.html for the app's own
// routes so that a reload on /resources/x works.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function web(app: FastifyInstance, options: { root: string }): Promise<void> {
  await app.register(fastifyStatic, { root: options.root, wildcard: false, index: ['index.html'] });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (/^\/(api|luis|vision)(\/|$)/.test(path) || /\.[a-z0-9]+$/i.test(path)) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
}

export const webPlugin = fp(web, { name: 'portico-web' });
