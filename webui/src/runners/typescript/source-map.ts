/// Reads the `mappings` of a source map (version 3) into what the JavaScript sandbox uses to name
/// the person's lines: per generated line, `[column, sourceLine, sourceColumn]` segments.
/// (Worker code: language features only.)

import type { LineMap } from '../javascript/source-lines';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS = new Map([...BASE64].map((char, index) => [char, index]));

/// The base64 VLQ numbers of one segment (`AAAA`, `SAAS`…).
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGITS.get(char);
    if (digit === undefined) throw new Error(`not a base64 digit: ${char}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/// Segments without a source position (code the compiler added) are left out.
export function lineMap(mappings: string): LineMap {
  let sourceLine = 0;
  let sourceColumn = 0;
  return mappings.split(';').map((line) => {
    let column = 0;
    const segments: [number, number, number][] = [];
    for (const text of line.split(',')) {
      if (!text) continue;
      const fields = decodeVlq(text);
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceLine += fields[2];
      sourceColumn += fields[3];
      segments.push([column, sourceLine, sourceColumn]);
    }
    return segments.sort((a, b) => a[0] - b[0]);
  });
}
