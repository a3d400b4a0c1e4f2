/// Gives the interpreter's linear memory a maximum by rewriting the module's memory section before
/// it is compiled. ruby.wasm declares none, so a memory bomb would grow one worker towards 4 GiB
/// and take the browser's memory with it; with a cap, Ruby's own allocator fails first and the
/// program ends with Ruby's NoMemoryError while the tab is unharmed.

const PAGE = 65_536;
const MEMORY_SECTION = 5;

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/// The module with at most `limitBytes` of memory, or the same bytes if it cannot be capped
/// (not one plain 32-bit memory) or already is.
export function capMemory(module: Uint8Array, limitBytes: number): Uint8Array {
  const limit = Math.floor(limitBytes / PAGE);
  let at = 8;
  while (at < module.length) {
    const start = at;
    const id = module[at++]!;
    const [size, body] = readLeb(module, at);
    const end = body + size;
    if (id === MEMORY_SECTION) {
      const [count, flagsAt] = readLeb(module, body);
      const flags = module[flagsAt]!;
      if (count !== 1 || (flags !== 0 && flags !== 1)) return module;
      const [min, maxAt] = readLeb(module, flagsAt + 1);
      if (flags === 1 && readLeb(module, maxAt)[0] <= limit) return module;
      const content = [...leb(1), 1, ...leb(min), ...leb(Math.max(min, limit))];
      const section = [MEMORY_SECTION, ...leb(content.length), ...content];
      const out = new Uint8Array(module.length - (end - start) + section.length);
      out.set(module.subarray(0, start), 0);
      out.set(section, start);
      out.set(module.subarray(end), start + section.length);
      return out;
    }
    at = end;
  }
  return module;
}
