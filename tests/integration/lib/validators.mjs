// Independent validators for the documents Kenes produces: tools nobody on the project wrote,
// from Debian (scripts/install-deps installs them). Each check returns a list of problems (empty
// when the tool accepted the document), so a test can name every refusal at once.
//   XLSX: openpyxl (python3-openpyxl) reads every cell; xlsx2csv converts every sheet; xmllint
//         parses every XML part of the package.
//   PDF:  qpdf --check; pdffonts (every font embedded).
//   iCalendar: python3-icalendar parses the feed (UIDs present and distinct, DTSTAMP present).
//   /metrics: promtool check metrics.
//   CSV:  the strict RFC 4180 parse of lib/csv.mjs (BOM, ';', quoting).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, appendFileSync, readFileSync, rmSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { parseCsvStrict, BOM } from './csv.mjs';

// Debian's interpreter: the python modules come from Debian packages, not from a pyenv or venv
// that may shadow python3 on PATH.
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) return { status: -1, stdout: '', stderr: `${cmd}: ${r.error.message}` };
  return r;
}

function tail(s, n = 600) {
  s = String(s ?? '').trim();
  return s.length > n ? '...' + s.slice(-n) : s;
}

function withTemp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-validate-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The tools a validator needs, missing ones named (install-deps installs them all).
export function missingTools() {
  const missing = [];
  for (const t of ['qpdf', 'pdffonts', 'xlsx2csv', 'xmllint', 'promtool']) {
    if (run('sh', ['-c', `command -v ${t}`]).status !== 0) missing.push(t);
  }
  for (const m of ['openpyxl', 'icalendar']) {
    if (run(PYTHON, ['-c', `import ${m}`]).status !== 0) missing.push(`python3-${m}`);
  }
  return missing;
}

const OPENPYXL = String.raw`
import sys, json, zipfile, re
import openpyxl
path, parts_dir = sys.argv[1], sys.argv[2]
out = {"sheets": [], "app_titles": [], "dates": []}
wb = openpyxl.load_workbook(path)
for ws in wb.worksheets:
    cells = 0
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells += 1
            if c.is_date and c.value is not None:
                out["dates"].append({"sheet": ws.title, "cell": c.coordinate, "value": c.value.isoformat(), "format": c.number_format})
    out["sheets"].append({"title": ws.title, "cells": cells})
with zipfile.ZipFile(path) as z:
    for name in z.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            z.extract(name, parts_dir)
    app = z.read("docProps/app.xml").decode("utf-8")
    m = re.search(r"<TitlesOfParts>(.*?)</TitlesOfParts>", app, re.S)
    if m:
        out["app_titles"] = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", m.group(1), re.S)
print(json.dumps(out, ensure_ascii=False))
`;

// XLSX: returns { problems, sheets: [{title, cells}], appTitles, dates: [{sheet, cell, value, format}] }.
export function checkXlsx(bytes) {
  return withTemp((dir) => {
    const file = join(dir, 'doc.xlsx');
    writeFileSync(file, bytes);
    const problems = [];
    let info = { sheets: [], app_titles: [], dates: [] };
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    const py = run(PYTHON, ['-c', OPENPYXL, file, parts]);
    if (py.status !== 0) problems.push(`openpyxl refused it: ${tail(py.stderr)}`);
    else info = JSON.parse(py.stdout);
    const csvDir = join(dir, 'csv');
    const x2c = run('xlsx2csv', ['-a', file, csvDir]);
    if (x2c.status !== 0 || /Traceback|Error/.test(x2c.stderr)) problems.push(`xlsx2csv refused it: ${tail(x2c.stderr || x2c.stdout)}`);
    if (py.status === 0) {
      const xml = [];
      const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else xml.push(p); } };
      walk(parts);
      if (xml.length === 0) problems.push('no XML parts in the package');
      for (const p of xml) {
        const lint = run('xmllint', ['--noout', p]);
        if (lint.status !== 0) problems.push(`xmllint refused ${p.slice(parts.length + 1)}: ${tail(lint.stderr)}`);
      }
      const titles = info.sheets.map((s) => s.title);
      if (new Set(titles).size !== titles.length) problems.push(`sheet names repeat: ${JSON.stringify(titles)}`);
      for (const t of titles) {
        if ([...t].length > 31) problems.push(`sheet name longer than 31 characters: ${t}`);
        if (/[\[\]:*?/\\]/.test(t)) problems.push(`sheet name with a character Excel forbids: ${t}`);
      }
      if (JSON.stringify(info.app_titles) !== JSON.stringify(titles)) {
        problems.push(`docProps/app.xml names the sheets ${JSON.stringify(info.app_titles)}, the workbook ${JSON.stringify(titles)}`);
      }
    }
    return { problems, sheets: info.sheets, appTitles: info.app_titles, dates: info.dates };
  });
}

// PDF: returns { problems, fonts: [{name, type, emb}] }.
export function checkPdf(bytes) {
  return withTemp((dir) => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    const problems = [];
    const q = run('qpdf', ['--check', file]);
    if (q.status !== 0) problems.push(`qpdf --check refused it (exit ${q.status}): ${tail(q.stdout + q.stderr)}`);
    const f = run('pdffonts', [file]);
    const fonts = [];
    if (f.status !== 0) {
      problems.push(`pdffonts refused it: ${tail(f.stderr)}`);
    } else {
      // name type encoding emb sub uni object ID; the name has no spaces, the type may.
      for (const line of f.stdout.split('\n').slice(2)) {
        if (!line.trim()) continue;
        const m = line.match(/^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
        if (!m) { problems.push(`pdffonts line not understood: ${line}`); continue; }
        fonts.push({ name: m[1], type: m[2], emb: m[4] === 'yes' });
      }
      if (fonts.length === 0) problems.push('no fonts: the text is not text');
      for (const font of fonts) if (!font.emb) problems.push(`font not embedded: ${font.name} (${font.type})`);
    }
    // Dates and times are written in the document's language (i18n::long_date), never as ISO
    // strings: "2026-12-05" or "2026-12-05T09:38:12+05:00" wraps and reads as a code.
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    if (text.status === 0) {
      const iso = text.stdout.replace(/\s+/g, ' ').match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+)?([+-]\d{2}:\d{2})?\b/g);
      if (iso) problems.push(`raw ISO dates in the text: ${[...new Set(iso)].join(', ')}`);
    }
    return { problems, fonts };
  });
}

// PDF document information and catalog: { title, lang } (null when absent), read by qpdf.
export function pdfMetadata(bytes) {
  return withTemp((dir) => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    const j = run('qpdf', ['--json=2', '--json-key=qpdf', file]);
    if (j.status !== 0 && j.status !== 3) throw new Error(`qpdf --json: ${tail(j.stderr)}`);
    const objects = JSON.parse(j.stdout).qpdf[1];
    const get = (ref) => {
      const o = typeof ref === 'string' ? objects[ref === 'trailer' ? ref : `obj:${ref}`] : null;
      return o ? o.value : ref;
    };
    const trailer = get('trailer');
    const info = trailer && get(trailer['/Info']);
    const root = trailer && get(trailer['/Root']);
    const str = (v) => {
      if (typeof v !== 'string') return null;
      if (v.startsWith('u:')) return v.slice(2);
      if (v.startsWith('b:')) return Buffer.from(v.slice(2), 'hex').toString('latin1');
      return v;
    };
    return { title: info ? str(info['/Title']) : null, lang: root ? str(root['/Lang']) : null };
  });
}

const ICAL = String.raw`
import sys, json
from icalendar import Calendar
data = open(sys.argv[1], "rb").read()
cal = Calendar.from_ical(data)
events = []
for ev in cal.walk("VEVENT"):
    def val(k):
        v = ev.get(k)
        if v is None:
            return None
        if hasattr(v, "dt"):
            return v.dt.isoformat()
        return str(v)
    events.append({"uid": val("UID"), "dtstamp": val("DTSTAMP"), "dtstart": val("DTSTART"),
                   "last_modified": val("LAST-MODIFIED"), "sequence": val("SEQUENCE"), "summary": val("SUMMARY")})
print(json.dumps({"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "events": events}, ensure_ascii=False))
`;

// iCalendar: returns { problems, events: [{uid, dtstamp, dtstart, last_modified, sequence, summary}] }.
export function checkIcs(bytes) {
  return withTemp((dir) => {
    const file = join(dir, 'feed.ics');
    writeFileSync(file, bytes);
    const problems = [];
    const text = Buffer.from(bytes).toString('utf8');
    if (!text.startsWith('BEGIN:VCALENDAR\r\n')) problems.push('does not start with BEGIN:VCALENDAR and CRLF');
    for (const line of text.split('\r\n')) {
      if (Buffer.byteLength(line, 'utf8') > 75) { problems.push(`a line longer than 75 octets (RFC 5545 3.1): ${line.slice(0, 60)}...`); break; }
    }
    const py = run(PYTHON, ['-c', ICAL, file]);
    if (py.status !== 0) return { problems: [...problems, `python icalendar refused it: ${tail(py.stderr)}`], events: [] };
    const cal = JSON.parse(py.stdout);
    if (cal.version !== '2.0') problems.push(`VERSION ${cal.version}`);
    if (!cal.prodid || cal.prodid === 'None') problems.push('no PRODID');
    const uids = new Set();
    for (const e of cal.events) {
      if (!e.uid) problems.push(`an event without UID: ${e.summary}`);
      else if (uids.has(e.uid)) problems.push(`UID repeated: ${e.uid}`);
      uids.add(e.uid);
      if (!e.dtstamp) problems.push(`an event without DTSTAMP: ${e.uid}`);
      if (!e.dtstart) problems.push(`an event without DTSTART: ${e.uid}`);
    }
    return { problems, events: cal.events };
  });
}

// Prometheus text exposition: promtool check metrics (format and the naming lint).
export function checkMetrics(text) {
  const r = run('promtool', ['check', 'metrics'], { input: text });
  return { problems: r.status === 0 ? [] : [`promtool check metrics refused it (exit ${r.status}): ${tail(r.stdout + r.stderr, 2000)}`] };
}

// CSV as Excel in a Kazakh or Russian locale reads it: UTF-8 with a BOM, ';', RFC 4180 quoting,
// the same number of fields on every row.
export function checkCsv(bytes) {
  const problems = [];
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.startsWith(BOM)) problems.push('no UTF-8 byte order mark');
  try {
    const rows = parseCsvStrict(text.startsWith(BOM) ? text.slice(1) : text);
    const widths = new Set(rows.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => r.length));
    if (widths.size > 1) problems.push(`rows of different widths: ${[...widths].join(', ')}`);
  } catch (e) {
    problems.push(`strict CSV parse failed: ${e.message}`);
  }
  return { problems };
}

// The check for a kind of document, by Content-Type or file extension.
export function kindOf(contentTypeOrName) {
  const s = String(contentTypeOrName).toLowerCase();
  if (/spreadsheetml|\.xlsx$/.test(s)) return 'xlsx';
  if (/application\/pdf|\.pdf$/.test(s)) return 'pdf';
  if (/text\/calendar|\.ics$/.test(s)) return 'ics';
  if (/text\/csv|\.csv$/.test(s)) return 'csv';
  if (/openmetrics|text\/plain; version=0\.0\.4|\.metrics$/.test(s)) return 'metrics';
  return null;
}

export function check(kind, bytes) {
  switch (kind) {
    case 'xlsx': return checkXlsx(bytes);
    case 'pdf': return checkPdf(bytes);
    case 'ics': return checkIcs(bytes);
    case 'csv': return checkCsv(bytes);
    case 'metrics': return checkMetrics(Buffer.from(bytes).toString('utf8'));
    default: throw new Error(`no validator for ${kind}`);
  }
}

// Documents the integration tests downloaded: when KENES_IT_ARTIFACTS names a directory, every
// 200 answer to a GET whose Content-Type is a document kind is written there (the request path in
// a .path file beside it; POST answers that are documents too), and the validators run over them once the suite has finished
// (tests/integration/after/documents.test.mjs).
export const ARTIFACTS = process.env.KENES_IT_ARTIFACTS || null;
let saved = 0;
// Files people uploaded are served back as they came (a test's stand-in PDF is no PDF): only what
// Kenes itself produces is validated.
const UPLOADED = /\/(file|files\/[^/]+|document|photo)(\?|$)/;
export function keepArtifact(method, path, status, contentType, bytes) {
  // GET downloads, and the documents a POST answers with (the voting codes CSV).
  if (!ARTIFACTS || !['GET', 'POST'].includes(method) || ![200, 201].includes(status) || UPLOADED.test(path)) return;
  const kind = kindOf(contentType);
  if (!kind || !bytes || bytes.length === 0) return;
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    const name = `${process.pid}-${++saved}.${kind}`;
    writeFileSync(join(ARTIFACTS, name), bytes);
    writeFileSync(join(ARTIFACTS, name + '.path'), path);
  } catch {
    // A test's own assertions do not depend on this copy.
  }
}

// Every JSON answer of the suite, one line each in <ARTIFACTS>/answers-<pid>.jsonl, checked
// against the schema docs/openapi.yaml declares for its route and status after the suite.
export function keepAnswer(method, path, status, contentType, bytes) {
  if (!ARTIFACTS || !/^application\/(problem\+)?json\b/i.test(String(contentType)) || !bytes?.length) return;
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    const line = JSON.stringify({ method, path, status, problem: /problem\+json/i.test(contentType), body: bytes.toString('utf8') });
    appendFileSync(join(ARTIFACTS, `answers-${process.pid}.jsonl`), line + '\n');
  } catch {
    // A test's own assertions do not depend on this copy.
  }
}

export function answers() {
  if (!ARTIFACTS || !existsSync(ARTIFACTS)) return [];
  const out = [];
  for (const f of readdirSync(ARTIFACTS).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(ARTIFACTS, f), 'utf8').split('\n')) if (line) out.push(JSON.parse(line));
  }
  return out;
}

export function artifacts() {
  if (!ARTIFACTS || !existsSync(ARTIFACTS)) return [];
  return readdirSync(ARTIFACTS).filter((n) => kindOf(n) && extname(n) !== '.path').sort();
}
