/// Fits a result into one `execution-result` event: the relay refuses events over 64 KiB, and a
/// result that never arrives would leave every panel waiting.

const EVENT_BUDGET_BYTES = 60_000;
const ERROR_BUDGET_BYTES = 16_000;
const encoder = new TextEncoder();

function jsonBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length;
}

/// Keeps the start and (mostly) the end of `text`, marking what was cut, within `budget` bytes.
export function clip(text: string, budget: number, keepHead = 0.3): string {
  if (jsonBytes(text) <= budget) return text;
  let chars = Math.floor((budget / jsonBytes(text)) * text.length * 0.95);
  for (;;) {
    const head = Math.floor(chars * keepHead);
    const tail = chars - head;
    const cut = text.length - head - tail;
    const clipped = `${text.slice(0, head)}\n… [${cut} characters cut] …\n${tail > 0 ? text.slice(-tail) : ''}`;
    if (jsonBytes(clipped) <= budget || chars <= 0) return clipped;
    chars = Math.floor(chars * 0.9);
  }
}

export function fitResult(output: string, error: string | null): { output: string; error: string | null } {
  // A traceback's last lines say what went wrong: keep the end of the error.
  const fittedError = error === null ? null : clip(error, ERROR_BUDGET_BYTES, 0.2);
  const used = fittedError === null ? 4 : jsonBytes(fittedError);
  return { output: clip(output, EVENT_BUDGET_BYTES - used - 200), error: fittedError };
}
