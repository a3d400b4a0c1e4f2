/// SQLite (sql.js) in a sandboxed frame: every run gets a fresh worker with a fresh in-memory
/// database, which the frame loaded ahead of time (sql.frame.ts). The time limit and Stop remove
/// the whole frame, which ends everything in it, and a new frame warms up at once.

import { FrameRunner } from '../shared/frame-runner';
import { runtimeFiles } from './runtime-files';

export class SqlRunner extends FrameRunner {
  constructor(base: string) {
    let version = '';
    super({
      busy: 'Error: an SQL run is already in progress',
      cannotRun: 'Error: SQLite could not be loaded: ',
      idPrefix: 'sql',
      // The frame's code is a chunk of its own, loaded with the first SQL room.
      srcdoc: () => import('./sql-sandbox').then(({ sqlSrcdoc }) => sqlSrcdoc()),
      srcdocFailed: (error) => `the SQL runner could not load: ${String(error)}`,
      announceFailures: true,
      start: (frame) => {
        if (!version) frame.emit('loading', 'Downloading SQLite');
        return (message) => {
          if (message.type === 'hello') {
            runtimeFiles(base).then(
              (files) => {
                // Each frame gets its own copy: a transferred buffer is gone from the page.
                const wasm = files.wasm.slice(0);
                frame.post({ type: 'runtime', script: files.script, wasm }, [wasm]);
              },
              (error: unknown) => frame.fail(new Error(error instanceof Error ? error.message : String(error))),
            );
          } else if (message.type === 'ready') {
            version = String(message.version);
            frame.ready();
            if (frame.idle) frame.emit('ready', version);
          } else if (message.type === 'failed') {
            frame.fail(new Error(String(message.detail)));
          }
        };
      },
      // SQL reads no standard input: what the stdin box (or a test) gives is SQL run after the
      // schema and data, before the code, such as a test's own rows.
      runMessage: (id, code, options) => ({ type: 'run', id, code, setup: options.setup ?? '', input: options.stdin }),
      readyDetail: () => version,
    });
  }
}
