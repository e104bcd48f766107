// CSV exports are opened in Excel next to other people's data: a name must stay one cell and stay
// text. The voting codes file (POST /api/v1/elections/{id}/credentials: the Belenios codes of the
// whole roll, issued once after the election key exists) is read here with a strict RFC 4180
// parser (`;`, CRLF), for voters whose names and faculty carry delimiters, quotes and formulas.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, cyrTag } from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';
import { haveBeleniosTool } from './lib/belenios.mjs';
import { BOM, parseVotingCodes } from './lib/csv.mjs';

const skip = !(KENES_BIN && KENES_DB) ? 'needs KENES_BIN and KENES_DB' : (!haveBeleniosTool() ? 'needs belenios-tool (the election key)' : false);
const FORMULA_START = /^[=+\-@\t\r]/;
const CODE = /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/;   // a Belenios credential
let server;

before(async () => { if (!skip) server = await startClockServer(); });
after(async () => { if (server) await server.stop(); });

// The API refuses control characters in names, so a name starting with TAB can only come from
// data written around it (an old import, a database restore); it is written here directly.
function prefixSurnameWithTab(inst, electionId, number) {
  const sql = (tab) => `UPDATE persons SET surname = ${tab} || surname WHERE institution_id = ${inst} AND id = `
    + `(SELECT person_id FROM voter_roll WHERE institution_id = ${inst} AND election_id = ${electionId} AND student_number = '${number}')`;
  if (BACKEND === 'postgresql') execFileSync('psql', [KENES_DB, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql('chr(9)')]);
  else execFileSync('sqlite3', ['-cmd', '.timeout 10000', KENES_DB.replace(/^sqlite:/, ''), sql('char(9)')]);
}

test(`[${BACKEND}] the voting codes CSV keeps hostile names in their column, as text`, { skip, timeout: 120000 }, async () => {
  const admin = await signIn('admin', { base: server.base });
  const tag = cyrTag(4);
  const faculty = expectJson(await admin.post('/api/v1/faculties', { name: `-Информатика; "IT" ${tag}` }), 201, 'faculty');
  const group = expectJson(await admin.post('/api/v1/groups', { name: `CSV-${tag}`, faculty_id: faculty.id, course: 2 }), 201, 'group');
  const names = [
    { surname: 'Сәрсенова;Жанна', name: 'Әлия "Ақ"' },
    { surname: '=HYPERLINK("http://x","y")', name: 'Марат', student: { group_id: group.id } },
    { surname: '+1', name: 'Дана' },
    { surname: '@SUM(1)', name: 'Ерлан' },
    { surname: '-2+3', name: 'Нұр' },
    { surname: 'Табов', name: 'Тимур' },
  ];
  // The key first (the codes need it), then a name starting with TAB, then the codes.
  const s = await readyElection(server, { voters: names.length, names, online: 'key' });
  prefixSurnameWithTab(s.inst, s.election.id, s.voterNumbers[5]);

  const res = await s.issue();
  assert.equal(res.status, 200, res.describe());
  assert.equal(res.contentType, 'text/csv; charset=utf-8');
  assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  assert.ok(res.text.startsWith(BOM));
  const { header, rows: all } = parseVotingCodes(res.text);   // throws on a shifted column
  assert.deepEqual(header, ['student_number', 'full_name', 'faculty', 'code']);
  // The whole roll at once (every studying student of the institution, whatever other tests
  // named them): every record has the header's column count (checked by the parser), a code in
  // its column, no cell a formula.
  assert.ok(all.length >= names.length);
  for (const r of all) {
    assert.match(r.code, CODE, `the code stays in the 4th column: ${JSON.stringify(r)}`);
    for (const cell of Object.values(r)) assert.doesNotMatch(cell, FORMULA_START, JSON.stringify(r));
  }
  // Ours, one row each.
  const rows = s.voterNumbers.map((n) => {
    const mine = all.filter((r) => r.student_number === n);
    assert.equal(mine.length, 1, `one row for ${n}`);
    return mine[0];
  });

  // Quotes and delimiters survive inside one cell; formula-like starts get an apostrophe.
  assert.equal(rows[0].full_name, 'Сәрсенова;Жанна Әлия "Ақ"');
  assert.equal(rows[1].full_name, `'=HYPERLINK("http://x","y") Марат`);
  assert.equal(rows[1].faculty, `'-Информатика; "IT" ${tag}`);
  assert.equal(rows[2].full_name, "'+1 Дана");
  assert.equal(rows[3].full_name, "'@SUM(1) Ерлан");
  assert.equal(rows[4].full_name, "'-2+3 Нұр");
  assert.equal(rows[5].full_name, "'\tТабов Тимур");
  for (const r of rows) for (const cell of Object.values(r)) assert.doesNotMatch(cell, FORMULA_START, `a live formula: ${JSON.stringify(r)}`);
  // In the bytes: the apostrophe inside the quotes, the quotes doubled.
  assert.ok(res.text.includes(`;"'=HYPERLINK(""http://x"",""y"") Марат";"'-Информатика; ""IT"" ${tag}";`), res.text);
  // Issued once: the file cannot be asked for again.
  const again = await s.member.post(`${s.E}/credentials`, {});
  assert.equal(again.status, 409, again.describe());
});
