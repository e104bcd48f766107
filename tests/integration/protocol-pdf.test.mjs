// The protocol PDF of a large session fits its pages: every page numbered "k / N", and the
// column header of the attendance and signature tables repeated on every page they continue on.
// Pages are read one by one with pdftotext (poppler-utils), which ends each page with a form feed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND, signIn, expectJson, createUser, createPerson, cyrTag, cap, catalog } from './lib/client.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const MEMBERS = 60;
const PRESENT = 20;

function pages(bytes) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  return text.split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ' '));
}

test(`[${BACKEND}] protocol PDF of a ${MEMBERS}-member session: "k / N" on every page, table headers repeated on each page (MTG-7)`, async () => {
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}` }), 201, 'council');
  const members = [];
  for (let i = 0; i < MEMBERS; i++) {
    const person = await createPerson(admin, { surname: cap(cyrTag()), name: `${tag}${i}` });
    // Only those present sign, so only they need an account. Seats other than the chair's are
    // ex officio: the council has not admitted anyone yet (ORG-6).
    const account = i < PRESENT ? await createUser(admin, { roles: ['student'], person_id: person.id }) : null;
    const position = i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member';
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`,
      { person_id: person.id, position, ex_officio: i > 0, starts_on: TODAY, accepted_regulation: true }), 201, `member ${i}`);
    members.push({ person, account });
  }
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: 'Акт залы', convened_by: members[0].person.id }), 201, 'convene');
  for (const m of members.slice(0, PRESENT)) {
    expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: m.person.id, present: true }), 200, 'present');
  }
  const draft = expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close');
  assert.equal(draft.signers.length, PRESENT);
  let final = draft;
  for (const m of members.slice(0, PRESENT)) {
    const c = await signIn(m.account.login, { password: m.account.password });
    final = expectJson(await c.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'sign');
  }
  assert.equal(final.status, 'final');

  for (const lang of ['kk', 'ru', 'en']) {
    const res = await admin.get(`/api/v1/meetings/${meeting.id}/protocol.pdf?lang=${lang}`);
    assert.equal(res.status, 200);
    if (process.env.KENES_SHOTS && lang === 'kk') {
      mkdirSync(process.env.KENES_SHOTS, { recursive: true });
      writeFileSync(join(process.env.KENES_SHOTS, `protocol-${BACKEND}.pdf`), res.bytes);
    }
    const text = pages(res.bytes);
    const n = text.length;
    assert.ok(n >= 3, `${lang}: ${PRESENT} present, ${MEMBERS - PRESENT} absent and ${PRESENT} signature rows take at least three pages, got ${n}`);
    const cat = catalog(lang);
    const nameHeader = cat['protocol.column_name'];
    const positionHeader = cat['protocol.column_position'];
    const closing = { ru: 'Председатель заседания:', kk: 'Отырыс төрағасы:', en: 'Chair of the session:' }[lang];
    for (const [k, page] of text.entries()) {
      // pdftotext drops the narrow spaces around the slash: "1 / 3" reads "1/3".
      assert.ok(page.replace(/ /g, '').includes(`${k + 1}/${n}`), `${lang}: page ${k + 1} numbered "${k + 1} / ${n}": ${page.slice(-200)}`);
      // A page showing any member's row of a table shows the column header too (the closing
      // block names the chair and the secretary outside any table).
      const tables = page.split(closing)[0];
      const rows = members.filter((m) => tables.includes(m.person.surname)).length;
      if (rows > 0) {
        assert.ok(page.includes(nameHeader) && page.includes(positionHeader),
          `${lang}: page ${k + 1} has ${rows} table rows and the header "${nameHeader} | ${positionHeader}": ${page.slice(0, 300)}`);
      }
    }
    // Every member's row is in the document (once in attendance, once more in the signatures when present).
    const all = text.join(' ');
    for (const [i, m] of members.entries()) {
      const times = all.split(m.person.surname).length - 1;
      assert.ok(times >= (i < PRESENT ? 2 : 1), `${lang}: ${m.person.surname} listed (${times})`);
    }
    // The closing block and the verification QR caption are on the last page, after the tables.
    const last = text[n - 1];
    assert.ok(last.includes(closing), `${lang}: closing block on the last page: ${last.slice(0, 300)}`);
    assert.ok(last.replace(/ /g, '').includes(final.verification_code), `${lang}: verification link on the last page`);
  }
});
