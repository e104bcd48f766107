// The CSV files the server exports (src/docs/csv_writer.cpp): UTF-8 with a BOM, `;` between
// fields, CRLF, RFC 4180 quoting, and an apostrophe before text that starts like a spreadsheet
// formula (= + - @ TAB CR), so that Excel shows a name such as =HYPERLINK(...) instead of running it.

const BOM = '\uFEFF';
const FORMULA_START = /^'[=+\-@\t\r]/;

/**
 * The rows of a CSV text: quoted fields may hold the delimiter, doubled quotes and line breaks;
 * a leading BOM is dropped, and blank lines are skipped. Throws on an unclosed quote.
 */
export function parseCsv(text: string, delimiter = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) endField();
    else if (c === '\r' && body[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\n') endRow();
    else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error('CSV: unclosed quote');
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return rows;
}

/** A cell as the person wrote it: the apostrophe put before a formula-like start removed. */
export const unneutralise = (cell: string): string => (FORMULA_START.test(cell) ? cell.slice(1) : cell);

/** The text as Excel wants it saved: with a BOM (fetch's text() drops the server's). */
export const withBom = (text: string): string => (text.startsWith(BOM) ? text : BOM + text);
