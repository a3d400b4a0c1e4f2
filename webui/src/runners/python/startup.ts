/// How a Python interpreter started and where its start-up time went, on the page's own clock.
///
/// The worker reports epoch times (`timeOrigin + now`) per step; here they become milliseconds
/// since the frame was created, and are shown on the frame element for tests and the benchmark:
/// `data-python-start` is `snapshot` or `normal`, `data-python-startup` the whole record as JSON.

export interface StartupResource {
  name: string;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
  /// Milliseconds since the frame was created.
  start: number;
  end: number;
}

export interface PythonStartup {
  how: 'snapshot' | 'normal';
  /// Why a snapshot that was there could not be used (null when none was refused).
  refused: string | null;
  /// Ready before the standard library had arrived (pyodide-start.ts, stdlib-later.ts).
  stdlibLater: boolean;
  /// When the frame was created, on the page's clock (`performance.now()`).
  frameCreated: number;
  /// Milliseconds since the frame was created: `worker`, `imported`, `interpreter`, `ready`.
  steps: Record<string, number>;
  resources: StartupResource[];
  /// The files the page fetched and handed over (files.ts).
  fromPage: string[];
  /// When the page had each of them (milliseconds since the frame was created).
  fetchedByPage: Record<string, number>;
}

/// The page's clock reading for an epoch time from another realm.
function onPageClock(epochMs: number): number {
  return epochMs - performance.timeOrigin;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/// Reads the worker's report; anything malformed becomes an empty record rather than an error.
export function readStartup(report: unknown, frameCreated: number, fetchedByPage: Record<string, number>): PythonStartup {
  const raw = (typeof report === 'object' && report !== null ? report : {}) as Record<string, unknown>;
  const since = (epochMs: unknown): number => Math.round((onPageClock(numberOr(epochMs, NaN)) - frameCreated) * 10) / 10;
  const steps: Record<string, number> = {};
  if (typeof raw.steps === 'object' && raw.steps !== null) {
    for (const [name, value] of Object.entries(raw.steps as Record<string, unknown>)) {
      const ms = since(value);
      if (Number.isFinite(ms)) steps[name] = ms;
    }
  }
  const resources = Array.isArray(raw.resources) ? (raw.resources as Record<string, unknown>[]) : [];
  return {
    how: raw.how === 'snapshot' ? 'snapshot' : 'normal',
    refused: typeof raw.refused === 'string' ? raw.refused : null,
    stdlibLater: raw.stdlibLater === true,
    frameCreated,
    steps,
    fetchedByPage,
    fromPage: Array.isArray(raw.fromPage) ? raw.fromPage.slice(0, 20).map((name) => String(name).slice(0, 100)) : [],
    resources: resources.slice(0, 50).map((entry) => ({
      name: String(entry.name).slice(0, 100),
      transferSize: numberOr(entry.transferSize, 0),
      encodedBodySize: numberOr(entry.encodedBodySize, 0),
      decodedBodySize: numberOr(entry.decodedBodySize, 0),
      start: since(entry.start),
      end: since(entry.end),
    })),
  };
}

/// Puts the record on the frame element, where tests and the benchmark read it.
export function showStartup(frame: HTMLElement, startup: PythonStartup): void {
  frame.dataset.pythonStart = startup.how;
  frame.dataset.pythonStartup = JSON.stringify(startup);
}
