/// The TypeScript compiler's worker, long-lived in its own sandboxed frame. Its script is the
/// compiler (lib/typescript.js, which defines the global `ts`) followed by this module (see
/// compiler.frame.ts). It parses the standard library declarations once, then for each run
/// type-checks main.ts and emits it as JavaScript with a source map. It never runs the person's
/// code: the JavaScript sandbox does.

import type * as TS from 'typescript';
import type { Compiled, CompilerToPage, PageToCompiler, RuntimeFiles } from './compiler-messages';
import { lineMap } from './source-map';

const MAIN = '/main.ts';
const LIB_DIR = '/lib';
/// What the sandbox gives every program beyond the worker's own globals (javascript/program.worker.ts).
const SANDBOX_GLOBALS = `${LIB_DIR}/interview-desk.d.ts`;
const SANDBOX_DECLARATIONS = `/** The next line of the stdin box (or of a stdin test), without its newline; null after the last. */
declare function readline(): string | null;
/** The same as readline(): nobody is asked, the message is not shown. */
declare function prompt(message?: string): string | null;
`;
/// The language up to ES2024 and a dedicated worker's globals: what the program really has.
const LIBS = [
  'lib.es2024.d.ts',
  'lib.webworker.d.ts',
  'lib.webworker.importscripts.d.ts',
  'lib.webworker.iterable.d.ts',
  'lib.webworker.asynciterable.d.ts',
];

const post = (message: CompilerToPage): void => self.postMessage(message);

let ts: typeof TS;
let options: TS.CompilerOptions;
/// Declaration texts by path (`/lib/lib.es5.d.ts`), and their parsed files, kept for every run.
const declarations = new Map<string, string>();
const parsed = new Map<string, TS.SourceFile>();
let previous: TS.Program | undefined;

function load(files: RuntimeFiles): string {
  const decoder = new TextDecoder();
  ts = (self as unknown as { ts?: typeof TS }).ts!;
  if (!ts) throw new Error('lib/typescript.js defined no compiler');
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('.d.ts')) declarations.set(`${LIB_DIR}/${name.split('/').pop()}`, decoder.decode(bytes));
  }
  declarations.set(SANDBOX_GLOBALS, SANDBOX_DECLARATIONS);
  options = {
    target: ts.ScriptTarget.ES2022,
    // A module (top-level await, no clash with the worker's globals) that never imports.
    module: ts.ModuleKind.ESNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    noResolve: true,
    lib: LIBS,
    libReplacement: false,
    types: [],
    strict: true,
    skipLibCheck: true,
    sourceMap: true,
    newLine: ts.NewLineKind.LineFeed,
  };
  return ts.version;
}

function host(code: string, output: Map<string, string>): TS.CompilerHost {
  return {
    getSourceFile(fileName, languageVersion) {
      if (fileName === MAIN) return ts.createSourceFile(MAIN, code, languageVersion, true);
      const known = parsed.get(fileName);
      if (known) return known;
      const text = declarations.get(fileName);
      if (text === undefined) return undefined;
      const file = ts.createSourceFile(fileName, text, languageVersion, false);
      parsed.set(fileName, file);
      return file;
    },
    getDefaultLibFileName: () => `${LIB_DIR}/${LIBS[0]}`,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: (name, text) => output.set(name.split('/').pop() ?? name, text),
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === MAIN || declarations.has(name),
    readFile: (name) => (name === MAIN ? code : declarations.get(name)),
    directoryExists: (name) => name === '/' || name === LIB_DIR,
    getDirectories: () => [],
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
  };
}

const formatHost = (): TS.FormatDiagnosticsHost => ({
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => '/',
  getNewLine: () => '\n',
});

/// tsc's own lines (`main.ts(3,7): error TS2322: …`), sorted as tsc sorts them.
function format(diagnostics: readonly TS.Diagnostic[]): string {
  return ts.formatDiagnostics(ts.sortAndDeduplicateDiagnostics(diagnostics), formatHost());
}

/// The emitted module as a function body: no source map comment, no `export {};` (every file is a
/// module here, so the compiler marks it as one; nothing imports it).
function runnable(js: string): string {
  const lines = js.split('\n');
  while (lines.length > 0 && /^(\/\/# sourceMappingURL=.*|export \{\};|)$/.test(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

function compile(code: string): Compiled {
  const output = new Map<string, string>();
  const program = ts.createProgram({
    rootNames: [MAIN, SANDBOX_GLOBALS],
    options,
    host: host(code, output),
    oldProgram: previous,
  });
  previous = program;
  const main = program.getSourceFile(MAIN)!;
  const syntax = program.getSyntacticDiagnostics(main);
  if (syntax.length > 0) return { code: '', lines: [], syntaxErrors: format(syntax), typeErrors: '' };
  const types = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics(main)];
  program.emit(main);
  const map = JSON.parse(output.get('main.js.map') ?? '{"mappings":""}') as { mappings?: unknown };
  return {
    code: runnable(output.get('main.js') ?? ''),
    lines: lineMap(String(map.mappings ?? '')),
    syntaxErrors: null,
    typeErrors: format(types),
  };
}

self.addEventListener('message', (event: MessageEvent<PageToCompiler>) => {
  const message = event.data;
  if (message.type === 'files') {
    try {
      const version = load(message.files);
      // Parses and binds the libraries now, not in the first run.
      compile('const warm: number = 1;\n');
      post({ type: 'ready', version });
    } catch (error) {
      post({ type: 'failed', detail: `the TypeScript compiler did not load: ${String((error as Error | null)?.message ?? error)}` });
    }
  } else if (message.type === 'compile') {
    try {
      post({ type: 'compiled', id: message.id, ...compile(String(message.code)) });
    } catch (error) {
      const detail = `Error: the TypeScript compiler failed: ${String((error as Error | null)?.message ?? error)}`;
      post({ type: 'compiled', id: message.id, code: '', lines: [], syntaxErrors: detail, typeErrors: '' });
    }
  }
});
