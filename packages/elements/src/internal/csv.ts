/**
 * CSV text by RFC 4180: fields separated by commas, records by CRLF, a field quoted when it holds a comma, a
 * double quote, CR or LF (its quotes doubled). Numbers are written plainly (`.` decimals, no grouping) so any
 * tool reads them back; missing numbers (NaN, ±Infinity, null) are empty fields.
 *
 * Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
 * leading `'`, as OWASP recommends against CSV injection: customer names come from the host's data.
 */
export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

/** One field, escaped and quoted as needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record (without its line end). */
export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

/** A whole file: the header and the records, each ended by CRLF. */
export function csvText(header: readonly string[], records: Iterable<readonly CsvCell[]>): string {
  let text = `${csvRecord(header)}\r\n`;
  for (const record of records) text += `${csvRecord(record)}\r\n`;
  return text;
}

/** Parse CSV text back into records (RFC 4180; for tests and round trips). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
