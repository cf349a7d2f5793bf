import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The portal is served by the Portico server at `/`; in `npm run dev` the
// console API is proxied to a server on PORTICO_URL (default port 5080).
const server = process.env.PORTICO_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': server, '/luis': server, '/vision': server, '/language': server } },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
