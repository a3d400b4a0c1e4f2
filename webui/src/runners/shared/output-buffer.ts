/// Output buffering for every runner's worker. The first output goes out at once; later output at
/// most every 25 ms unless it is large, so a flood of prints does not become a flood of messages.
/// Past 200,000 characters only the last 50,000 are kept, sent with a marker when the run ends.
/// (Worker code: uses nothing but the language and `performance`, so both tsconfigs check it.)

export interface OutputBuffer {
  write(text: string): void;
  flush(): void;
  /// Sends what is pending, with the kept tail of an overflow.
  end(): void;
}

const HEAD_LIMIT = 200_000;
const TAIL_LIMIT = 50_000;
const FLUSH_MS = 25;
const LARGE = 65_536;

type SetTimer = (callback: () => void, ms: number) => number;
type ClearTimer = (handle: number) => void;

/// `setTimer`/`clearTimer` are the real timers, captured before user code can replace them; pass
/// null where nothing else runs between writes (a synchronous interpreter), so `end` flushes.
export function createOutput(send: (text: string) => void, setTimer: SetTimer | null, clearTimer: ClearTimer | null): OutputBuffer {
  let pending = '';
  let size = 0;
  let overflow = 0;
  let tail: string[] = [];
  let tailSize = 0;
  let flushedAt = -Infinity;
  let timer: number | null = null;

  const flush = (): void => {
    if (timer !== null) {
      clearTimer?.(timer);
      timer = null;
    }
    if (pending) {
      send(pending);
      pending = '';
    }
    flushedAt = performance.now();
  };

  const write = (text: string): void => {
    if (!text) return;
    const room = HEAD_LIMIT - size;
    if (room > 0) {
      const part = text.length > room ? text.slice(0, room) : text;
      pending += part;
      size += part.length;
      text = text.slice(part.length);
    }
    if (text) {
      tail.push(text);
      tailSize += text.length;
      overflow += text.length;
      if (tailSize > 2 * TAIL_LIMIT) {
        const kept = tail.join('').slice(-TAIL_LIMIT);
        tail = [kept];
        tailSize = kept.length;
      }
    }
    if (pending.length > LARGE || performance.now() - flushedAt >= FLUSH_MS) flush();
    else if (setTimer && timer === null) timer = setTimer(flush, FLUSH_MS);
  };

  const end = (): void => {
    if (overflow > 0) {
      const kept = tail.join('').slice(-TAIL_LIMIT);
      const dropped = overflow - kept.length;
      pending += (dropped > 0 ? `\n… [${dropped} characters cut] …\n` : '') + kept;
      overflow = 0;
      tail = [];
      tailSize = 0;
    }
    flush();
  };

  return { write, flush, end };
}
