/// Ruby (CRuby 3.4 compiled to WebAssembly) in a sandboxed frame: every run gets a fresh worker
/// with a fresh Ruby VM, which the frame started ahead of time from the interpreter it compiled
/// once (sandbox.frame.ts). The time limit and Stop remove the whole frame, which ends everything
/// in it, and a new frame warms up at once from the bytes the page already holds.

import type { FrameMessage } from '../sandbox-frame';
import { FrameRunner } from '../shared/frame-runner';
import { megabytes } from '../shared/runtime-download';
import type { FrameToPage, PageToFrame } from './messages';
import { rubyWasm } from './wasm-bytes';

export class RubyRunner extends FrameRunner {
  constructor(base: string) {
    let version = '';
    const readyText = (): string => (version ? `Ruby ${version} ready` : '');
    super({
      busy: 'Error: a Ruby run is already in progress',
      cannotRun: 'Error: Ruby could not be loaded: ',
      idPrefix: 'ruby',
      // The frame's source is a chunk of its own, loaded with the first Ruby room.
      srcdoc: () => import('./ruby-sandbox').then(({ rubySrcdoc }) => rubySrcdoc()),
      srcdocFailed: (error) => `the Ruby runner could not load: ${String(error)}`,
      announceFailures: true,
      start: (frame) => {
        const loading = !version;
        if (loading) frame.emit('loading', '');
        // The download starts with the frame's code, not after it: the two overlap.
        let shown = 0;
        const progress = (bytes: number): void => {
          if (!loading || !frame.current || bytes - shown < 500_000) return;
          shown = bytes;
          frame.emit('loading', megabytes(bytes));
        };
        const wasm = rubyWasm(base, progress);
        wasm.catch(() => undefined);
        const post = (message: PageToFrame, transfer: Transferable[]): void => frame.post(message, transfer);
        return (raw: FrameMessage) => {
          const message = raw as FrameToPage;
          if (message.type === 'boot') {
            wasm.then(
              (bytes) => {
                // Each frame gets its own copy: a transferred buffer is gone from the page.
                const copy = bytes.slice(0);
                post({ type: 'wasm', bytes: copy }, [copy]);
              },
              (error: unknown) => frame.fail(new Error(error instanceof Error ? error.message : String(error))),
            );
          } else if (message.type === 'hello') {
            version = message.version;
            frame.ready();
            if (frame.idle) frame.emit('ready', readyText());
          } else if (message.type === 'failed') {
            frame.fail(new Error(message.detail));
          }
        };
      },
      runMessage: (id, code, options): PageToFrame => ({ type: 'run', id, code, stdin: options.stdin }),
      readyDetail: readyText,
    });
  }
}
