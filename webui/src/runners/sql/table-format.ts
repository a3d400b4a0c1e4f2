/// How a statement's result reads in the output: an aligned text table like psql's (column names,
/// a rule, the rows, then `(N rows)`), numbers right-aligned, NULL spelled out, and REAL values
/// written the way SQLite's own shell writes them (`1.0`, `3.5`). Worker code: uses nothing but
/// the language, so both tsconfigs check it.

/// A value as sql.js gives it with `useBigInt`: INTEGER as bigint, REAL as number.
export type SqlValue = bigint | number | string | Uint8Array | null;

/// Rows shown per result; the count below the table still counts every row.
export const MAX_SHOWN_ROWS = 1_000;
/// Characters shown per value: a 10 MB string stays one readable cell.
export const MAX_CELL_CHARS = 2_000;
/// Bytes of a BLOB shown (as hex) before the cell says how long it is.
const MAX_BLOB_BYTES = 32;

export interface ResultTable {
  columns: string[];
  /// At most MAX_SHOWN_ROWS of them.
  rows: SqlValue[][];
  /// Every row the statement gave.
  count: number;
}

/// SQLite's shell prints REAL with `%!.15g`: 15 significant digits, an exponent below 1e-4 or
/// from 1e15 on, and always a decimal point (`1.0`, `0.3`, `1.0e+20`).
export function formatReal(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (value === 0) return '0.0';
  const [digits, power] = value.toExponential(14).split('e');
  const exponent = Number(power);
  const point = (text: string): string => {
    const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
    return trimmed.includes('.') ? trimmed : `${trimmed}.0`;
  };
  if (exponent < -4 || exponent >= 15) {
    const sign = exponent < 0 ? '-' : '+';
    return `${point(digits)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return point(value.toPrecision(15));
}

export function formatValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatReal(value);
  if (value instanceof Uint8Array) {
    const shown = Array.from(value.subarray(0, MAX_BLOB_BYTES), (byte) => byte.toString(16).padStart(2, '0')).join('');
    return value.length > MAX_BLOB_BYTES ? `x'${shown}…' (${value.length} bytes)` : `x'${shown}'`;
  }
  return value;
}

/// One line per line of the value would break the table: control characters are escaped.
function cell(value: SqlValue): string {
  let text = formatValue(value).replace(/\r\n|\r|\n/g, '\\n').replace(/\t/g, '\\t');
  if (text.length > MAX_CELL_CHARS) text = `${text.slice(0, MAX_CELL_CHARS)}… (${formatValue(value).length} characters)`;
  return text;
}

function isNumber(value: SqlValue): boolean {
  return typeof value === 'bigint' || typeof value === 'number';
}

export function rowCount(count: number): string {
  return count === 1 ? '(1 row)' : `(${count} rows)`;
}

/// The table as text, ending with a newline.
export function formatTable(table: ResultTable): string {
  const texts = table.rows.map((row) => row.map(cell));
  const widths = table.columns.map((name, column) => Math.max(name.length, ...texts.map((row) => row[column]?.length ?? 0)));
  const line = (parts: string[]): string => parts.map((part) => ` ${part} `).join('|').trimEnd();
  const out = [line(table.columns.map((name, column) => name.padEnd(widths[column]))), widths.map((width) => '-'.repeat(width + 2)).join('+')];
  table.rows.forEach((row, index) => {
    out.push(line(texts[index].map((text, column) => (isNumber(row[column]) ? text.padStart(widths[column]) : text.padEnd(widths[column])))));
  });
  if (table.count > table.rows.length) out.push(`… ${table.count - table.rows.length} more rows not shown`);
  out.push(rowCount(table.count));
  return `${out.join('\n')}\n`;
}
