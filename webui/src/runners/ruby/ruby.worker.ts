/// The Ruby worker: one per run. The frame starts it ahead of time with the compiled interpreter;
/// it makes a fresh Ruby VM (setup.rb), says it is ready, runs the one program it is sent and is
/// then terminated, so nothing a program defines (globals, monkey patches, JavaScript globals it
/// set through the `js` library) reaches the next run.
///
/// Before any Ruby runs it takes `postMessage` for itself (a program cannot forge a result),
/// denies `Worker`/`SharedWorker` and drops Cache Storage. The network is the frame's CSP's job:
/// `JS.global[:fetch]` and the like are refused there.

import { Fd, File, OpenFile, PreopenDirectory, WASI, WASIProcExit, wasi as defs } from '@bjorn3/browser_wasi_shim';
import { RubyVM, type RbValue } from '@ruby/wasm-wasi';
import { createOutput } from '../shared/output-buffer';
import { lockDownWorker } from '../shared/worker-lockdown';
import type { FrameToWorker, WorkerToFrame } from './messages';
import SETUP from './setup.rb?raw';

const post = self.postMessage.bind(self) as (message: WorkerToFrame) => void;
lockDownWorker();

/// No RubyGems (see setup.rb); UTF-8 source and data.
const ARGS = ['ruby.wasm', '-EUTF-8', '--disable-gems', '-e_=0'];
const STDIN = 0;

/// Standard output or error: both go into one buffer, in the order they are written. Not a
/// terminal (so Ruby colours nothing), and with `sync` set in setup.rb nothing waits in Ruby.
class OutputFd extends Fd {
  private readonly decoder = new TextDecoder();

  constructor(private readonly write: (text: string) => void) {
    super();
  }

  override fd_write(data: Uint8Array): { ret: number; nwritten: number } {
    this.write(this.decoder.decode(data, { stream: true }));
    return { ret: defs.ERRNO_SUCCESS, nwritten: data.byteLength };
  }

  override fd_fdstat_get(): { ret: number; fdstat: defs.Fdstat | null } {
    const fdstat = new defs.Fdstat(defs.FILETYPE_UNKNOWN, 0);
    fdstat.fs_rights_base = BigInt(defs.RIGHTS_FD_WRITE);
    return { ret: defs.ERRNO_SUCCESS, fdstat };
  }
}

const out = createOutput((text) => post({ type: 'output', text }), null, null);
let finished = false;
const finish = (error: string | null): void => {
  if (finished) return;
  finished = true;
  out.end();
  post({ type: 'done', error });
};
// A program that closes its worker (`JS.global.close`) has ended: say so before the worker goes.
const realClose = self.close.bind(self);
self.close = () => {
  finish(null);
  realClose();
};
const stdinFile = (text: string): OpenFile => new OpenFile(new File(new TextEncoder().encode(text)));

interface Machine {
  wasi: WASI;
  vm: RubyVM;
  program: RbValue;
}

async function start(module: WebAssembly.Module): Promise<Machine> {
  const write = (text: string): void => {
    if (!finished) out.write(text);
  };
  const fds = [stdinFile(''), new OutputFd(write), new OutputFd(write), new PreopenDirectory('/', new Map())];
  const wasi = new WASI([], [], fds, { debug: false });
  const { vm } = await RubyVM.instantiateModule({ module, wasip1: wasi, args: ARGS });
  const program = vm.eval(SETUP);
  return { wasi, vm, program };
}

/// A Ruby string literal of any text (base64 keeps quotes and `#{}` inert).
function rubyString(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return `'${btoa(binary)}'.unpack1('m0').force_encoding(Encoding::UTF_8)`;
}

/// What ended the program when Ruby itself could not say (exit!, a trap in the interpreter).
function failure(error: unknown): string | null {
  if (error instanceof WASIProcExit) return error.code === 0 ? null : `SystemExit: exit status ${error.code}`;
  if (error instanceof RangeError) return 'SystemStackError: stack level too deep';
  if (error instanceof Error) return error.message.trim() || error.name;
  return String(error);
}

/// A program that awaits a JavaScript promise (`JS.global.fetch(url).await`, the `js` library)
/// runs as ruby.wasm's async call, in a fiber; any other runs plainly, on the full stack (a
/// fiber's is a tenth as deep, and recursive interview code needs the depth).
const AWAITS = /\.await\b/;

async function run(machine: Machine, code: string, stdin: string): Promise<void> {
  machine.wasi.fds[STDIN] = stdinFile(stdin);
  let error: string | null;
  try {
    const source = machine.vm.eval(rubyString(code));
    const result = AWAITS.test(code) ? await machine.program.callAsync('call', source) : machine.program.call('call', source);
    const text = result.toString();
    error = text === '' ? null : text;
  } catch (thrown) {
    error = failure(thrown);
  }
  finish(error);
}

let machine: Machine | null = null;
self.addEventListener('message', (event: MessageEvent<FrameToWorker>) => {
  const message = event.data;
  if (message.type === 'start' && machine === null) {
    start(message.module).then(
      (made) => {
        machine = made;
        post({ type: 'ready', version: made.vm.eval('RUBY_VERSION').toString() });
      },
      (error: unknown) => post({ type: 'failed', detail: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'run' && machine !== null) {
    const ran = machine;
    machine = null;
    void run(ran, message.code, message.stdin);
  }
});
