/// Output buffering shared by both workers, as plain JavaScript (spliced into their sources).
/// The first output goes out at once; later output at most every 25 ms unless it is large, so a
/// flood of prints does not become a flood of messages. Past 200,000 characters only the last
/// 50,000 are kept, and they are sent with a marker when the run ends.

export const OUTPUT_BUFFER_SOURCE = String.raw`const createOutput = (send, setTimer, clearTimer) => {
    const HEAD_LIMIT = 200000;
    const TAIL_LIMIT = 50000;
    const FLUSH_MS = 25;
    let pending = '';
    let size = 0;
    let overflow = 0;
    let tail = [];
    let tailSize = 0;
    let flushedAt = -Infinity;
    let timer = null;
    const flush = () => {
      if (timer !== null) { clearTimer(timer); timer = null; }
      if (pending) { send(pending); pending = ''; }
      flushedAt = performance.now();
    };
    const write = (text) => {
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
        if (tailSize > 2 * TAIL_LIMIT) { const kept = tail.join('').slice(-TAIL_LIMIT); tail = [kept]; tailSize = kept.length; }
      }
      if (pending.length > 65536 || performance.now() - flushedAt >= FLUSH_MS) flush();
      else if (setTimer && timer === null) timer = setTimer(flush, FLUSH_MS);
    };
    const end = () => {
      if (overflow > 0) {
        const kept = tail.join('').slice(-TAIL_LIMIT);
        const dropped = overflow - kept.length;
        pending += (dropped > 0 ? '\n… [' + dropped + ' characters cut] …\n' : '') + kept;
        overflow = 0; tail = []; tailSize = 0;
      }
      flush();
    };
    return { write, flush, end };
  };`;
