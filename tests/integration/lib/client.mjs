// HTTP client and assertions for the Kenes integration tests. Node built-ins only.
//
// Environment:
//   KENES_URL      base URL of the server under test (default http://127.0.0.1:8080)
//   KENES_URL_2    a second instance on the same database (two-instance test only)
//   KENES_BACKEND  sqlite | postgresql (only for reporting)
//   KENES_BIN      path of the kenes binary (permissions matrix, audit verify)
//   KENES_DB       the --db value the server runs on (audit verify from the CLI)
import http from 'node:http';
import https from 'node:https';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { keepArtifact, keepAnswer } from './validators.mjs';

export const BASE = (process.env.KENES_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const BASE_2 = process.env.KENES_URL_2 ? process.env.KENES_URL_2.replace(/\/+$/, '') : null;
export const BACKEND = process.env.KENES_BACKEND ?? 'unknown';
export const KENES_BIN = process.env.KENES_BIN ?? null;
export const KENES_DB = process.env.KENES_DB ?? null;
export const DEMO_PASSWORD = 'kenes-demo-2026';
export const DEMO_LOGINS = ['admin', 'sysadmin', 'staff', 'curator', 'student', 'parent'];
export const LOCALES = ['kk', 'ru', 'en'];

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..', '..');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// A response: status, lower-case headers (set-cookie as an array), raw bytes, text, parsed JSON
// (when the body is JSON or problem+json) and `problem` (only for application/problem+json).
export class Response {
  constructor(status, headers, bytes) {
    this.status = status;
    this.headers = headers;
    this.bytes = bytes;
    this.text = bytes.toString('utf8');
    this.contentType = String(headers['content-type'] ?? '');
    this.json = undefined;
    this.problem = undefined;
    if (/^application\/(problem\+)?json\b/i.test(this.contentType) && this.text.length) {
      try {
        this.json = JSON.parse(this.text);
      } catch (e) {
        this.jsonError = e;
      }
      if (/^application\/problem\+json\b/i.test(this.contentType)) this.problem = this.json;
    }
  }

  get body() { return this.json; }

  header(name) {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  // For assertion messages.
  describe() {
    const t = this.text.length > 600 ? this.text.slice(0, 600) + '...' : this.text;
    return `HTTP ${this.status} ${this.contentType} ${t}`;
  }
}

// Low-level request over node:http (no implicit headers besides Host and Content-Length, unlike
// fetch, which adds Accept-Language: * and Sec-Fetch-*). Resolves to a Response; rejects on a
// network error.
export function rawRequest(base, method, path, { headers = {}, body = null, timeoutMs = 30000 } = {}) {
  const url = new URL(path, base + '/');
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const response = new Response(res.statusCode, res.headers, Buffer.concat(chunks));
          // Every document a test downloads is validated by independent tools after the suite.
          keepArtifact(method, path, response.status, response.contentType, response.bytes);
          keepAnswer(method, path, response.status, response.contentType, response.bytes);
          resolve(response);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)));
    req.on('error', reject);
    if (body !== null && body !== undefined) req.end(body);
    else req.end();
  });
}

export class Client {
  // base: server URL; lang: Accept-Language to send (null: none).
  constructor({ base = BASE, lang = null } = {}) {
    this.base = base;
    this.lang = lang;
    this.cookies = new Map();
    this.csrf = null;
    this.bearer = null;
    this.user = null;
    this.lastSetCookies = [];
  }

  // A second client on another base URL (or the same) sharing the session cookie and CSRF token.
  clone({ base = this.base, lang = this.lang } = {}) {
    const c = new Client({ base, lang });
    c.cookies = new Map(this.cookies);
    c.csrf = this.csrf;
    c.bearer = this.bearer;
    c.user = this.user;
    return c;
  }

  get session() { return this.cookies.get('kenes_session') ?? null; }

  // opts: json (serialised with Content-Type application/json), body (Buffer/string as is),
  // contentType, headers (extra/overrides; a null value removes a header), lang (overrides
  // this.lang; null sends none), csrf (false: don't send; a string: send that value).
  async request(method, path, opts = {}) {
    method = method.toUpperCase();
    const headers = { Accept: 'application/json' };
    const lang = 'lang' in opts ? opts.lang : this.lang;
    if (lang) headers['Accept-Language'] = lang;
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.Authorization = `Bearer ${this.bearer}`;
    let body = null;
    if ('json' in opts) {
      body = Buffer.from(JSON.stringify(opts.json), 'utf8');
      headers['Content-Type'] = 'application/json';
    } else if (opts.body !== undefined && opts.body !== null) {
      body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(String(opts.body), 'utf8');
    }
    if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
    if (STATE_CHANGING.has(method)) {
      if (typeof opts.csrf === 'string') headers['X-CSRF-Token'] = opts.csrf;
      else if (opts.csrf !== false && this.csrf && !this.bearer) headers['X-CSRF-Token'] = this.csrf;
      // A body-less state change still declares JSON: the contract asks every state-changing
      // request for Content-Type: application/json.
      if (body === null && !('contentType' in opts)) headers['Content-Type'] = 'application/json';
    }
    if (body !== null || STATE_CHANGING.has(method)) headers['Content-Length'] = String(body ? body.length : 0);
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      for (const existing of Object.keys(headers)) {
        if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
      }
      if (v !== null && v !== undefined) headers[k] = v;
    }
    const res = await rawRequest(this.base, method, path, { headers, body, timeoutMs: opts.timeoutMs });
    this.absorbCookies(res);
    return res;
  }

  absorbCookies(res) {
    const setCookies = res.headers['set-cookie'] ?? [];
    this.lastSetCookies = setCookies;
    for (const sc of setCookies) {
      const c = parseSetCookie(sc);
      if (c.expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get(path, opts) { return this.request('GET', path, opts); }
  delete(path, opts) { return this.request('DELETE', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, json === undefined ? opts : { ...opts, json }); }
  patch(path, json, opts = {}) { return this.request('PATCH', path, json === undefined ? opts : { ...opts, json }); }
  put(path, json, opts = {}) { return this.request('PUT', path, json === undefined ? opts : { ...opts, json }); }

  // POST /api/v1/session; on success remembers the CSRF token and the user.
  async login(login, password = DEMO_PASSWORD, opts = {}) {
    const res = await this.post('/api/v1/session', { login, password }, { csrf: false, ...opts });
    if (res.status === 200 && res.json) {
      this.csrf = res.json.csrf_token ?? null;
      this.user = res.json.user ?? null;
    }
    return res;
  }

  async logout() {
    const res = await this.delete('/api/v1/session');
    if (res.status === 204) { this.csrf = null; this.user = null; }
    return res;
  }
}

export function parseSetCookie(header) {
  const parts = header.split(';').map((p) => p.trim());
  const [nv, ...attrs] = parts;
  const eq = nv.indexOf('=');
  const name = nv.slice(0, eq).trim();
  const value = nv.slice(eq + 1).trim();
  const attributes = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    attributes[k] = i < 0 ? true : a.slice(i + 1).trim();
  }
  let expired = value === '' || value === '""';
  if ('max-age' in attributes && Number(attributes['max-age']) <= 0) expired = true;
  if (attributes.expires && Date.parse(attributes.expires) < Date.now()) expired = true;
  return { name, value, attributes, expired };
}

// Signs in and returns the client; fails the test when the login is refused.
export async function signIn(login, { password = DEMO_PASSWORD, base = BASE, lang = null } = {}) {
  const c = new Client({ base, lang });
  const res = await c.login(login, password);
  assert.equal(res.status, 200, `login ${login} on ${base}: ${res.describe()}`);
  assert.ok(c.session, `login ${login}: no kenes_session cookie`);
  assert.ok(c.csrf, `login ${login}: no csrf_token`);
  return c;
}

// Unique suffixes so the suite can run again and again on the same database.
export function uniq() {
  return Date.now().toString(36) + randomBytes(3).toString('hex');
}

// A unique tag of Russian lower-case Cyrillic letters (for name fields), e.g. "гжлмпрст".
const CYR = 'бвгджзклмнпрстфхцчшщ';
export function cyrTag(length = 8) {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += CYR[b % CYR.length];
  return s;
}

export function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

// A unique student number.
export function studentNumber() {
  return 'IT' + Date.now().toString().slice(-9) + String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
}

// The shared kk/ru/en catalogues (web/locales), or null when absent.
const catalogs = {};
export function catalog(lang) {
  if (!(lang in catalogs)) {
    const p = join(REPO_ROOT, 'web', 'locales', `${lang}.json`);
    catalogs[lang] = existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null;
  }
  return catalogs[lang];
}

// Asserts an RFC 9457 problem+json response: exact status, type /problems/<code>, non-empty
// localised title, status and code members, and (when given) the per-field errors, each as
// {field, code} that must be present. Options: lang (expect Content-Language and, when the catalogue
// has the key, the exact title), fields, onlyFields (no other field errors), rule.
export function expectProblem(res, status, code, opts = {}) {
  const what = opts.what ? `${opts.what}: ` : '';
  assert.equal(res.status, status, `${what}expected status ${status} (${code}), got ${res.describe()}`);
  assert.match(res.contentType, /^application\/problem\+json\b/i, `${what}Content-Type: ${res.describe()}`);
  const p = res.problem;
  assert.ok(p && typeof p === 'object', `${what}problem body: ${res.describe()}`);
  assert.equal(p.type, `/problems/${code}`, `${what}problem type: ${res.describe()}`);
  assert.equal(p.status, status, `${what}problem status member: ${res.describe()}`);
  assert.equal(p.code, code, `${what}problem code: ${res.describe()}`);
  assert.equal(typeof p.title, 'string', `${what}problem title: ${res.describe()}`);
  assert.ok(p.title.trim().length > 0, `${what}empty problem title: ${res.describe()}`);
  if ('detail' in p) assert.equal(typeof p.detail, 'string', `${what}problem detail: ${res.describe()}`);
  if (opts.lang) {
    assert.equal(res.header('content-language'), opts.lang, `${what}Content-Language: ${res.describe()}`);
    const cat = catalog(opts.lang);
    const key = `error.${code}.title`;
    if (cat && cat[key]) assert.equal(p.title, cat[key], `${what}title in ${opts.lang}`);
  }
  if (opts.rule) assert.equal(p.rule, opts.rule, `${what}rule: ${res.describe()}`);
  if (opts.fields) {
    assert.ok(Array.isArray(p.errors), `${what}errors[] missing: ${res.describe()}`);
    for (const e of p.errors) {
      assert.equal(typeof e.field, 'string', `${what}errors[].field: ${JSON.stringify(e)}`);
      assert.equal(typeof e.code, 'string', `${what}errors[].code: ${JSON.stringify(e)}`);
      if ('message' in e) assert.equal(typeof e.message, 'string', `${what}errors[].message: ${JSON.stringify(e)}`);
    }
    for (const f of opts.fields) {
      const hit = p.errors.find((e) => e.field === f.field && e.code === f.code);
      assert.ok(hit, `${what}expected field error ${f.field}/${f.code} in ${JSON.stringify(p.errors)}`);
      assert.ok(typeof hit.message === 'string' && hit.message.length > 0, `${what}field error without a message: ${JSON.stringify(hit)}`);
    }
    if (opts.onlyFields) {
      assert.equal(p.errors.length, opts.fields.length, `${what}unexpected field errors ${JSON.stringify(p.errors)}`);
    }
  }
  return p;
}

// Asserts a successful JSON answer and returns the parsed body.
export function expectJson(res, status, what = '') {
  assert.equal(res.status, status, `${what ? what + ': ' : ''}expected ${status}, got ${res.describe()}`);
  assert.match(res.contentType, /^application\/json\b/i, `${what}: Content-Type ${res.describe()}`);
  assert.ok(res.json !== undefined, `${what}: no JSON body: ${res.describe()}`);
  return res.json;
}

export function sameId(a, b) {
  return a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);
}

// Newest audit entries matching the query, read page by page (at most maxPages pages of 200).
export async function auditEntries(admin, query = {}, maxPages = 5) {
  const out = [];
  for (let page = 0; page < maxPages; page++) {
    const qs = new URLSearchParams({ ...query, limit: '200', offset: String(page * 200) });
    const res = await admin.get(`/api/v1/audit?${qs}`);
    const body = expectJson(res, 200, 'GET /api/v1/audit');
    out.push(...body.items);
    if (body.items.length < 200) break;
  }
  return out;
}

// Asserts that an audit entry with this action exists for the entity id (optionally by actor).
export async function expectAudit(admin, { action, entityId, actorLogin, entity }) {
  const query = {};
  if (action) query.action = action;
  if (entity) query.entity = entity;
  const items = await auditEntries(admin, query);
  const hit = items.find((e) =>
    (!action || e.action === action) &&
    (entityId === undefined || sameId(e.entity_id, entityId)) &&
    (!actorLogin || e.actor_login === actorLogin));
  assert.ok(hit, `no audit entry ${JSON.stringify({ action, entityId, actorLogin, entity })}; newest: ` +
    JSON.stringify(items.slice(0, 5).map((e) => ({ seq: e.seq, action: e.action, entity: e.entity, entity_id: e.entity_id, actor: e.actor_login }))));
  return hit;
}

// The highest audit seq right now (to look only at entries written afterwards).
export async function auditHead(admin) {
  const body = expectJson(await admin.get('/api/v1/audit?limit=1'), 200, 'GET /api/v1/audit?limit=1');
  return body.items.length ? body.items[0].seq : 0;
}

// Audit entries newer than seq (newest first).
export async function auditSince(admin, seq, query = {}) {
  const out = [];
  for (let page = 0; page < 20; page++) {
    const qs = new URLSearchParams({ ...query, limit: '200', offset: String(page * 200) });
    const body = expectJson(await admin.get(`/api/v1/audit?${qs}`), 200, 'GET /api/v1/audit');
    let done = body.items.length < 200;
    for (const e of body.items) {
      if (e.seq <= seq) { done = true; break; }
      out.push(e);
    }
    if (done) break;
  }
  return out;
}

// Creates a user (as a users.manage client) and returns {id, login, password, user}.
export async function createUser(admin, { roles = ['student'], login, password, person_id, display_name } = {}) {
  login = login ?? `it-${uniq()}`;
  password = password ?? `pw-${uniq()}-Long`;
  const body = { login, password, display_name: display_name ?? `Integration ${login}`, roles };
  if (person_id !== undefined) body.person_id = person_id;
  const res = await admin.post('/api/v1/users', body);
  const user = expectJson(res, 201, 'POST /api/v1/users');
  assert.ok(user.id !== undefined && user.id !== null, `created user has no id: ${res.describe()}`);
  return { id: user.id, login, password, user };
}

// Creates a person (as a people.write client) and returns the PersonDetail.
export async function createPerson(client, body) {
  const res = await client.post('/api/v1/people', body);
  return expectJson(res, 201, `POST /api/v1/people ${JSON.stringify(body).slice(0, 200)}`);
}

// All items of a paginated list (limit 200 pages).
export async function listAll(client, path, params = {}, maxPages = 50) {
  const out = [];
  let total = null;
  for (let page = 0; page < maxPages; page++) {
    const qs = new URLSearchParams({ ...params, limit: '200', offset: String(page * 200) });
    const body = expectJson(await client.get(`${path}?${qs}`), 200, `GET ${path}`);
    total = body.total;
    out.push(...body.items);
    if (body.items.length < 200) break;
  }
  return { items: out, total };
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
