/// The page's handle on one TypeScript compiler frame: it fetches the runtime files, hands them
/// over once the frame's script runs, and sends each program to compile. A compile that runs past
/// the time limit, or a Stop during one, removes the frame (with its worker) and a new one loads.

import { SandboxFrame, type FrameMessage } from '../sandbox-frame';
import type { Compiled, CompilerToPage, PageToCompiler } from './compiler-messages';
import { compilerSrcdoc } from './compiler-sandbox';
import { fetchRuntimeFiles } from './runtime-files';

let nextCompile = 0;

export class Compiler {
  /// The compiler's version once it is loaded; rejects with why it could not load.
  readonly ready: Promise<string>;
  private readonly frame: SandboxFrame;
  private readonly pending = new Map<string, (compiled: Compiled) => void>();

  constructor(base: string, progress: (detail: string) => void) {
    let settle!: { resolve: (version: string) => void; reject: (error: Error) => void };
    this.ready = new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.ready.catch(() => undefined);
    const files = fetchRuntimeFiles(base, (bytes) => progress(`${(bytes / 1e6).toFixed(1)} MB`));
    files.catch((error: unknown) => settle.reject(new Error(`its files could not be fetched (${String((error as Error).message)})`)));
    this.frame = new SandboxFrame({
      srcdoc: compilerSrcdoc(),
      isolated: false,
      onMessage: (raw: FrameMessage) => {
        const message = raw as CompilerToPage;
        if (message.type === 'hello') {
          void files.then((loaded) => {
            progress('compiling the standard library');
            this.post({ type: 'files', files: loaded }, Object.values(loaded));
          }, () => undefined);
        } else if (message.type === 'ready') settle.resolve(String(message.version));
        else if (message.type === 'failed') settle.reject(new Error(String(message.detail)));
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
    this.frame.remove();
    this.pending.clear();
  }

  private post(message: PageToCompiler, transfer: Transferable[] = []): void {
    this.frame.post(message as unknown as FrameMessage, transfer);
  }
}
