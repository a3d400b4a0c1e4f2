/// The page's handle on one TypeScript compiler frame: it fetches the runtime files, hands them
/// over once the frame's script runs, and sends each program to compile. A compile that runs past
/// the time limit, or a Stop during one, removes the frame (with its worker) and a new one loads.
/// The frame's code is a chunk of its own, fetched with the runtime: a room that never uses
/// TypeScript loads nothing of it.

import { SandboxFrame, type FrameMessage } from '../sandbox-frame';
import type { Compiled, CompilerToPage, PageToCompiler, RuntimeFiles } from './compiler-messages';
import { fetchRuntimeFiles } from './runtime-files';

let nextCompile = 0;

export class Compiler {
  /// The compiler's version once it is loaded; rejects with why it could not load.
  readonly ready: Promise<string>;
  private frame: SandboxFrame | null = null;
  private removed = false;
  private readonly pending = new Map<string, (compiled: Compiled) => void>();

  constructor(
    base: string,
    private readonly progress: (detail: string) => void,
  ) {
    let settle!: { resolve: (version: string) => void; reject: (error: Error) => void };
    this.ready = new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.ready.catch(() => undefined);
    const files = fetchRuntimeFiles(base, (bytes) => progress(`${(bytes / 1e6).toFixed(1)} MB`));
    files.catch((error: unknown) => settle.reject(new Error(`its files could not be fetched (${String((error as Error).message)})`)));
    const srcdoc = import('./compiler-sandbox').then(({ compilerSrcdoc }) => compilerSrcdoc());
    srcdoc.then(
      (text) => this.open(text, files, settle.resolve, settle.reject),
      (error: unknown) => settle.reject(new Error(`its code could not be loaded (${String((error as Error).message)})`)),
    );
  }

  private open(
    srcdoc: string,
    files: Promise<RuntimeFiles>,
    resolve: (version: string) => void,
    reject: (error: Error) => void,
  ): void {
    if (this.removed) return;
    this.frame = new SandboxFrame({
      srcdoc,
      isolated: false,
      onMessage: (raw: FrameMessage) => {
        const message = raw as CompilerToPage;
        if (message.type === 'hello') {
          void files.then((loaded) => {
            this.progress('compiling the standard library');
            // Copies, not the fetched buffers: a frame whose document loads again says hello
            // again, and buffers transferred the first time would arrive empty.
            const copies: RuntimeFiles = {};
            for (const [name, bytes] of Object.entries(loaded)) copies[name] = bytes.slice(0);
            this.post({ type: 'files', files: copies }, Object.values(copies));
          }, () => undefined);
        } else if (message.type === 'ready') resolve(String(message.version));
        else if (message.type === 'failed') reject(new Error(String(message.detail)));
        else if (message.type === 'compiled') {
          const done = this.pending.get(String(message.id));
          this.pending.delete(String(message.id));
          done?.(message);
        }
      },
    });
  }

  compile(code: string): Promise<Compiled> {
    const id = `ts-${++nextCompile}`;
    return new Promise<Compiled>((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'compile', id, code });
    });
  }

  remove(): void {
    this.removed = true;
    this.frame?.remove();
    this.pending.clear();
  }

  private post(message: PageToCompiler, transfer: Transferable[] = []): void {
    this.frame?.post(message as unknown as FrameMessage, transfer);
  }
}
