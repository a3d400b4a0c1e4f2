/// Where a position of the program that runs came from. JavaScript runs as written (line L of the
/// program is line L of main.js); a compiled language (TypeScript) sends its compiler's source map
/// along, so stack frames and syntax errors name the line the person wrote.
/// (Worker and frame code: language features only.)

/// Segments per line of the program (index 0 is line 1): `[programColumn, sourceLine,
/// sourceColumn]`, all 0-based as in a source map, sorted by `programColumn`.
export type LineMap = ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>;

export interface ProgramSource {
  /// The name stack frames and syntax errors show: `main.js`, `main.ts`.
  file: string;
  /// Null: the program is the source.
  lines: LineMap | null;
}

export const PLAIN_JAVASCRIPT: ProgramSource = { file: 'main.js', lines: null };

/// The 1-based source line and column of a 1-based program position; null where the map says
/// nothing about that line (code the compiler added).
export function sourcePosition(source: ProgramSource, line: number, column: number): [number, number] | null {
  if (source.lines === null) return [line, column];
  const segments = source.lines[line - 1];
  if (!segments || segments.length === 0) return null;
  let best = segments[0];
  for (const segment of segments) {
    if (segment[0] <= column - 1) best = segment;
    else break;
  }
  return [best[1] + 1, best[2] + 1 + Math.max(0, column - 1 - best[0])];
}

/// A run message's `source`, checked (it crosses a postMessage boundary).
export function readSource(value: unknown): ProgramSource {
  if (typeof value !== 'object' || value === null) return PLAIN_JAVASCRIPT;
  const { file, lines } = value as { file?: unknown; lines?: unknown };
  if (typeof file !== 'string' || !/^[\w.-]{1,40}$/.test(file)) return PLAIN_JAVASCRIPT;
  if (!Array.isArray(lines)) return { file, lines: null };
  const valid = lines.every(
    (line) =>
      Array.isArray(line) &&
      line.every((segment) => Array.isArray(segment) && segment.length === 3 && segment.every((n) => Number.isInteger(n) && n >= 0)),
  );
  return { file, lines: valid ? (lines as LineMap) : null };
}
