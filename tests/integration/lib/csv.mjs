// A strict reader of the server's CSV exports (src/docs/csv_writer.cpp): an optional UTF-8 BOM,
// then RFC 4180 records with `;` between fields and CRLF after every record, the last included;
// quotes only around whole fields, doubled inside them. Anything else throws, naming the offset,
// so a test sees a shifted column as an error rather than as a wrong value.
export const BOM = '\uFEFF';

export function parseCsvStrict(text, delimiter = ';') {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let i = 0;
  while (i < body.length) {
    let field = '';
    if (body[i] === '"') {
      i++;
      for (;;) {
        if (i >= body.length) throw new Error(`CSV: unclosed quote in record ${rows.length + 1}`);
        if (body[i] === '"') {
          if (body[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += body[i++];
      }
    } else {
      while (i < body.length && body[i] !== delimiter && body[i] !== '\r' && body[i] !== '\n') {
        if (body[i] === '"') throw new Error(`CSV: a quote inside an unquoted field at offset ${i}`);
        field += body[i++];
      }
    }
    row.push(field);
    if (body[i] === delimiter) { i++; continue; }
    if (body.startsWith('\r\n', i)) { rows.push(row); row = []; i += 2; continue; }
    throw new Error(`CSV: expected "${delimiter}" or CRLF at offset ${i}, found ${JSON.stringify(body.slice(i, i + 12))}`);
  }
  if (row.length) throw new Error('CSV: the last record does not end with CRLF');
  return rows;
}

// The voting codes file as { header, rows: [{ student_number, full_name, faculty, code }] }; every
// record must have the header's column count.
export function parseVotingCodes(text) {
  const [header, ...records] = parseCsvStrict(text);
  const rows = records.map((cells, n) => {
    if (cells.length !== header.length) throw new Error(`CSV: record ${n + 2} has ${cells.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, k) => [name, cells[k]]));
  });
  return { header, rows };
}
