/// JavaScript in a sandboxed frame: every run gets a fresh worker (a fresh realm) that the frame
/// started ahead of time. The time limit and Stop remove the whole frame, which ends everything
/// in it, and a new frame (with its worker) is made at once.

import { WorkerStartError } from '../isolation';
import { FrameRunner } from '../shared/frame-runner';
import type { RunOptions, RunResult } from '../types';
import type { PageToFrame, RunProgram } from './messages';
import { jsSrcdoc } from './sandbox';

/// The lines a program's `readline()` returns: the text's lines, without a last empty one.
export function stdinLines(stdin: string): string[] {
  return stdin === '' ? [] : stdin.replace(/\n$/, '').split('\n');
}

export class JsRunner extends FrameRunner {
  constructor() {
    super({
      busy: 'Error: a JavaScript run is already in progress',
      cannotRun: 'Error: JavaScript cannot run here: ',
      idPrefix: 'js',
      srcdoc: jsSrcdoc,
      announceFailures: false,
      start: (frame) => (message) => {
        if (message.type === 'hello') frame.ready();
        else if (message.type === 'failed') frame.fail(new WorkerStartError(String(message.detail)));
      },
      // The stdin box feeds `readline()` / `prompt()`, line by line, then null.
      runMessage: (id, code, options) => runMessage(id, { code, source: null, strict: false, stdin: stdinLines(options.stdin) }),
      readyDetail: () => '',
    });
  }

  /// Runs a program another language made (TypeScript's compiled module, with its source map).
  runProgram(program: RunProgram, options: RunOptions): Promise<RunResult> {
    return this.start(options, (id) => runMessage(id, program));
  }
}

function runMessage(id: string, program: RunProgram): PageToFrame {
  return { type: 'run', id, ...program };
}
