import { defineConfig } from 'vite';
import { precompress } from './build-tools/precompress.ts';
import { sandboxBundle } from './build-tools/sandbox-bundle.ts';

// Two pages: the host console (`/`) and the room (`/r/{id}`, served from room.html).
// Asset URLs stay absolute (`/assets/...`) because the room page lives under /r/.
export default defineConfig({
  base: '/',
  plugins: [sandboxBundle(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The timing report is about overlapping plugin calls and says nothing actionable here.
      checks: { pluginTimings: false },
      input: {
        index: 'index.html',
        room: 'room.html',
      },
    },
  },
});
