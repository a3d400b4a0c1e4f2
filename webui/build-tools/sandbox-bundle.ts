/// A Vite plugin that turns `import source from './x.ts?sandbox'` into the bundled, minified
/// JavaScript of `x.ts` (and everything it imports) as a string. Runner code that must run inside
/// the sandbox (a frame's inline script, a worker started from a blob: URL) is written as real
/// TypeScript modules, type-checked by tsc, and still reaches the frame as text.
///
/// Nested bundles work: a frame module may import its worker with `?sandbox` too, and `?raw`
/// (Python helpers, kept as .py files) resolves inside a bundle as it does in Vite.

import { readFile } from 'node:fs/promises';
import { rolldown, type Plugin as RolldownPlugin } from 'rolldown';
import type { Plugin } from 'vite';

const SANDBOX = '?sandbox';
const RAW = '?raw';
const PREFIX = '\0sandbox:';

/// Bundles one entry into a self-contained IIFE: no imports, no exports, nothing left to load.
export async function bundleForSandbox(entry: string, watch: (file: string) => void): Promise<string> {
  const build = await rolldown({
    input: entry,
    plugins: [nestedPlugin(watch)],
    logLevel: 'warn',
    onwarn(warning, handle) {
      handle(warning);
    },
  });
  try {
    const { output } = await build.generate({ format: 'iife', minify: true, sourcemap: false });
    for (const module of output[0].moduleIds) if (!module.startsWith('\0')) watch(module);
    return output[0].code;
  } finally {
    await build.close();
  }
}

function stripQuery(id: string, query: string): string {
  return id.slice(0, -query.length);
}

/// Inside a bundle: `?sandbox` and `?raw` imports become string modules.
function nestedPlugin(watch: (file: string) => void): RolldownPlugin {
  return {
    name: 'interview-desk-sandbox-nested',
    async resolveId(source, importer) {
      for (const query of [SANDBOX, RAW]) {
        if (!source.endsWith(query)) continue;
        const resolved = await this.resolve(stripQuery(source, query), importer);
        if (resolved) return `${PREFIX}${resolved.id}${query}`;
      }
      return null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const target = id.slice(PREFIX.length);
      if (target.endsWith(RAW)) {
        const file = stripQuery(target, RAW);
        watch(file);
        return { code: `export default ${JSON.stringify(await readFile(file, 'utf8'))};`, moduleType: 'js' };
      }
      const code = await bundleForSandbox(stripQuery(target, SANDBOX), watch);
      return { code: `export default ${JSON.stringify(code)};`, moduleType: 'js' };
    },
  };
}

/// The Vite side: the top-level build and the dev server.
export function sandboxBundle(): Plugin {
  return {
    name: 'interview-desk-sandbox',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SANDBOX)) return null;
      const resolved = await this.resolve(stripQuery(source, SANDBOX), importer, { skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}${SANDBOX}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const code = await bundleForSandbox(stripQuery(id.slice(PREFIX.length), SANDBOX), (file) => this.addWatchFile(file));
      return `export default ${JSON.stringify(code)};`;
    },
  };
}
