// Every kind of document Kenes produces, downloaded in kk, ru and en and handed to independent
// validators (lib/validators.mjs): openpyxl, xlsx2csv and xmllint on the XLSX reports; qpdf --check
// and pdffonts on the PDFs, whose metadata carry a Title and the document's language; python
// icalendar on the calendar feeds; promtool on /metrics. The rest of the suite's downloads are
// validated after it (after/documents.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BACKEND, BASE, Client, rawRequest, signIn, expectJson, expectProblem, createPerson, createUser, cyrTag, cap, uniq, catalog, LOCALES } from './lib/client.mjs';
import { checkXlsx, checkPdf, checkIcs, checkMetrics, pdfMetadata, missingTools } from './lib/validators.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const missing = missingTools();
const skip = missing.length ? `validators missing: ${missing.join(', ')} (scripts/install-deps)` : false;

function pdfText(bytes) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ');
}

// An assembly with a council, a chair who signs, a final protocol of one session and an approved
// report of the half year: the documents of the institution's life, made once for every test.
let world;
async function setup() {
  if (world) return world;
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  // A long Kazakh name: the sheet and PDF titles carry it.
  const top = expectJson(await admin.post('/api/v1/bodies', { template: 'small_assembly', name: `Студенттік өзін-өзі басқару ассамблеясы ${tag} ${uniq()}` }), 201, 'assembly');
  const detail = expectJson(await admin.get(`/api/v1/bodies/${top.id}`), 200, 'detail');
  const council = detail.children.find((c) => c.kind === 'council');
  const chair = await createPerson(admin, { surname: cap(cyrTag()), name: 'Төраға' });
  const chairUser = await createUser(admin, { roles: ['student'], person_id: chair.id });
  expectJson(await admin.post(`/api/v1/bodies/${council.id}/members`, { person_id: chair.id, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'chair');
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Дебат клубы ${tag}`, parent_id: top.id }), 201, 'club');
  const event = expectJson(await admin.post('/api/v1/events', { organiser_body_id: club.id, direction: 'educational', title: `Дебат ${tag}`, held_on: TODAY, place: 'Зал', public: true }), 201, 'event');
  expectJson(await admin.put(`/api/v1/events/${event.id}/attendance`, { person_id: chair.id, attended: true }), 200, 'attended');
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${council.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Акт залы', convened_by: chair.id }), 201, 'meeting');
  expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: chair.id, present: true }), 200, 'present');
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close');
  const chairClient = await signIn(chairUser.login, { password: chairUser.password });
  const signed = expectJson(await chairClient.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'sign');
  assert.equal(signed.status, 'final');
  const year = Number(TODAY.slice(0, 4));
  const report = expectJson(await admin.post(`/api/v1/bodies/${top.id}/reports`,
    { kind: 'semi_annual', period_from: `${year}-01-01`, period_to: `${year}-12-31`, narrative: 'Жарты жыл қорытындысы.' }), 201, 'report');
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  world = { admin, top, council, club, meeting, report, chairClient, institution: me.user.institution.id, year };
  return world;
}

async function download(client, path) {
  // The language by ?lang=, and Accept-Language saying the same.
  const lang = /[?&]lang=(kk|ru|en)\b/.exec(path)?.[1];
  const res = await client.get(path, lang ? { lang } : {});
  assert.equal(res.status, 200, `GET ${path}: ${res.describe()}`);
  return res;
}

function xlsxRoutes(w) {
  return [
    `/api/v1/reports/${w.report.id}/report.xlsx`,
    `/api/v1/discipline/statistics.xlsx?from=${w.year}-01-01&to=${TODAY}`,
  ];
}

function pdfRoutes(w) {
  return [
    `/api/v1/reports/${w.report.id}/report.pdf`,
    `/api/v1/meetings/${w.meeting.id}/protocol.pdf`,
    `/api/v1/discipline/journal.pdf?from=${w.year}-01-01&to=${TODAY}`,
    '/api/v1/org-chart.pdf',
  ];
}

const withLang = (path, lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

test(`[${BACKEND}] every XLSX report in kk, ru and en opens in openpyxl, xlsx2csv and xmllint; sheet names whole letters, distinct, the same in docProps/app.xml`, { skip }, async () => {
  const w = await setup();
  const refused = [];
  for (const path of xlsxRoutes(w)) {
    for (const lang of LOCALES) {
      const res = await download(w.admin, withLang(path, lang));
      assert.match(res.contentType, /spreadsheetml/);
      const { problems, sheets } = checkXlsx(res.bytes);
      if (problems.length) refused.push(`${lang} ${path}: ${problems.join('; ')}`);
      else assert.ok(sheets.length >= 2, `${lang} ${path}: sheets ${JSON.stringify(sheets)}`);
    }
  }
  assert.deepEqual(refused, []);
});

test(`[${BACKEND}] XLSX: the report period is in the workbook as real dates (date cells with a date format)`, { skip }, async () => {
  const w = await setup();
  const expected = {
    [xlsxRoutes(w)[0]]: [`${w.year}-01-01`, `${w.year}-12-31`],
    [xlsxRoutes(w)[1]]: [`${w.year}-01-01`, TODAY],
  };
  for (const [path, days] of Object.entries(expected)) {
    for (const lang of LOCALES) {
      const res = await download(w.admin, withLang(path, lang));
      const { problems, dates } = checkXlsx(res.bytes);
      assert.deepEqual(problems, [], `${lang} ${path}`);
      const found = dates.map((d) => d.value.slice(0, 10));
      for (const day of days) assert.ok(found.includes(day), `${lang} ${path}: ${day} as a date cell; date cells: ${JSON.stringify(dates)}`);
      for (const d of dates) assert.match(d.format, /[dy]/i, `${lang} ${path}: ${d.cell} has a date format`);
    }
  }
});

test(`[${BACKEND}] every PDF in kk, ru and en passes qpdf --check and embeds its fonts`, { skip }, async () => {
  const w = await setup();
  const refused = [];
  for (const path of pdfRoutes(w)) {
    for (const lang of LOCALES) {
      const res = await download(w.admin, withLang(path, lang));
      assert.match(res.contentType, /^application\/pdf/);
      const { problems } = checkPdf(res.bytes);
      if (problems.length) refused.push(`${lang} ${path}: ${problems.join('; ')}`);
    }
  }
  assert.deepEqual(refused, []);
});

test(`[${BACKEND}] every PDF carries a Title and the document's language (/Lang) in its metadata`, { skip }, async () => {
  const w = await setup();
  const wrong = [];
  for (const path of pdfRoutes(w)) {
    for (const lang of LOCALES) {
      const res = await download(w.admin, withLang(path, lang));
      const meta = pdfMetadata(res.bytes);
      if (!meta.title || !meta.title.trim()) wrong.push(`${lang} ${path}: no Title`);
      if (meta.lang !== lang) wrong.push(`${lang} ${path}: /Lang ${JSON.stringify(meta.lang)}`);
      const { problems } = checkPdf(res.bytes);
      if (problems.length) wrong.push(`${lang} ${path}: ${problems.join('; ')}`);
    }
  }
  assert.deepEqual(wrong, []);
});

// The org chart takes its language like every other document: ?lang= over Accept-Language and
// over the account's language (the admin's is Kazakh). Its heading, Title and /Lang follow it.
test(`[${BACKEND}] the org chart PDF is in the language ?lang= names: heading, Title and /Lang, whatever Accept-Language says`, { skip }, async () => {
  const w = await setup();
  const flat = (s) => s.replace(/\s+/g, ' ');
  const name = expectJson(await w.admin.get('/api/v1/institution'), 200, 'institution').name;
  for (const lang of LOCALES) {
    const heading = flat(catalog(lang)['org_chart.heading'].replace('{institution}', name));
    for (const header of [null, LOCALES.find((l) => l !== lang)]) {
      const what = `?lang=${lang}, Accept-Language ${header ?? '(none)'}`;
      const res = await w.admin.get(`/api/v1/org-chart.pdf?lang=${lang}`, { lang: header });
      assert.equal(res.status, 200, `${what}: ${res.describe()}`);
      assert.match(res.header('content-disposition') ?? '', new RegExp(`org-chart-${lang}\\.pdf`), what);
      const meta = pdfMetadata(res.bytes);
      assert.equal(meta.lang, lang, `${what}: /Lang`);
      assert.equal(meta.title, heading, `${what}: Title`);
      const text = pdfText(res.bytes);
      assert.ok(text.includes(heading), `${what}: the heading "${heading}" in ${text.slice(0, 300)}`);
      assert.ok(text.includes(flat(catalog(lang)['body.position.chair'])), `${what}: the council's chair named in ${lang}`);
    }
  }
  const wrong = await w.admin.get('/api/v1/org-chart.pdf?lang=de');
  expectProblem(wrong, 422, 'validation', { fields: [{ field: 'lang', code: 'invalid' }] });
});

test(`[${BACKEND}] dates and times in PDFs are written in the document's language, never as raw ISO strings`, { skip }, async () => {
  const w = await setup();
  const raw = [];
  for (const path of pdfRoutes(w)) {
    for (const lang of LOCALES) {
      const text = pdfText((await download(w.admin, withLang(path, lang))).bytes);
      const iso = text.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+)?([+-]\d{2}:\d{2})?\b/g);
      if (iso) raw.push(`${lang} ${path}: ${iso.join(', ')}`);
    }
  }
  assert.deepEqual(raw, []);
});

// Not only no ISO: the date as a reader of that language writes it. The half-year report's period
// (1 January to 31 December) and the journal's first day (1 January) in each language's words.
test(`[${BACKEND}] dates in PDFs are written the way the document's language writes them`, { skip }, async () => {
  const w = await setup();
  const y = w.year;
  const words = {
    kk: [`${y} жылғы 1 қаңтар`, `${y} жылғы 31 желтоқсан`],
    ru: [`1 января ${y} г.`, `31 декабря ${y} г.`],
    en: [`1 January ${y}`, `31 December ${y}`],
  };
  const wrong = [];
  for (const lang of LOCALES) {
    const report = pdfText((await download(w.admin, withLang(pdfRoutes(w)[0], lang))).bytes);
    const journal = pdfText((await download(w.admin, withLang(pdfRoutes(w)[2], lang))).bytes);
    for (const day of words[lang]) if (!report.includes(day)) wrong.push(`${lang} report: no "${day}" in ${report.slice(0, 200)}`);
    if (!journal.includes(words[lang][0])) wrong.push(`${lang} journal: no "${words[lang][0]}" in ${journal.slice(0, 200)}`);
    for (const other of LOCALES.filter((l) => l !== lang)) if (report.includes(words[other][1])) wrong.push(`${lang} report: the ${other} date "${words[other][1]}"`);
  }
  assert.deepEqual(wrong, []);
});

test(`[${BACKEND}] the calendar feeds (public events, a body's sessions, my sessions) parse in python icalendar`, { skip }, async () => {
  const w = await setup();
  const feeds = [
    [new Client(), `/api/v1/public/institutions/${w.institution}/events.ics`],
    [w.admin, `/api/v1/bodies/${w.council.id}/calendar.ics`],
    [w.chairClient, '/api/v1/me/calendar.ics'],
  ];
  for (const [client, path] of feeds) {
    const res = await download(client, path);
    assert.match(res.contentType, /^text\/calendar/);
    const { problems, events } = checkIcs(res.bytes);
    assert.deepEqual(problems, [], path);
    assert.ok(events.length > 0, `${path}: events`);
  }
});

const METRICS_TOKEN = process.env.KENES_METRICS_TOKEN ?? null;
test(`[${BACKEND}] /metrics passes promtool check metrics`, { skip: skip || (!METRICS_TOKEN && 'KENES_METRICS_TOKEN not set') }, async () => {
  const res = await rawRequest(BASE, 'GET', '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(res.status, 200, res.describe());
  assert.deepEqual(checkMetrics(res.text).problems, []);
});
