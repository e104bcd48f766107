// The server's routes (`kenes routes`, or docs/openapi.yaml without the binary) and the request
// body schema of each from docs/openapi.yaml (`kenes routes` does not print the body kind).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseYaml, openapiOperations } from './yaml.mjs';
import { KENES_BIN, KENES_DB, REPO_ROOT } from './client.mjs';

export const openapi = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));
const specOps = openapiOperations(openapi);

// Parameter syntax may differ (:id, <id>, {id}); names must not.
export function normPath(p) {
  return p.replace(/:([A-Za-z_][A-Za-z0-9_]*)|<([^>/]+)>/g, (_, a, b) => `{${a ?? b}}`);
}

// Runs the kenes binary (with the suite's database when a command needs one); its stdout.
export function runKenes(args) {
  const run = (a) => execFileSync(KENES_BIN, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  try {
    return run(args);
  } catch (e) {
    if (!KENES_DB) throw e;
    return run([...args, '--db', KENES_DB]);
  }
}

// [{method, path, permission}] of the server.
export function serverRoutes() {
  if (!KENES_BIN) return specOps.map((o) => ({ method: o.method, path: o.path, permission: o.permission }));
  const out = runKenes(['routes']);
  const start = out.search(/[[{]/);
  assert.ok(start >= 0, `kenes routes: no JSON in output: ${out.slice(0, 300)}`);
  return JSON.parse(out.slice(start)).map((r) => ({ method: String(r.method).toUpperCase(), path: normPath(r.path), permission: r.permission }));
}

export function deref(schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 20; i++) s = s.$ref.split('/').slice(1).reduce((o, k) => o?.[k], openapi);
  return s;
}

const opByKey = new Map(specOps.map((o) => [`${o.method} ${normPath(o.path)}`, o.operation]));

// The media types the operation's requestBody names ([] without one).
export function requestTypes(method, path) {
  const rb = deref(opByKey.get(`${method} ${path}`)?.requestBody);
  return Object.keys(rb?.content ?? {});
}

// The resolved application/json request schema, or null.
export function jsonRequestSchema(method, path) {
  const rb = deref(opByKey.get(`${method} ${path}`)?.requestBody);
  const s = deref(rb?.content?.['application/json']?.schema);
  return s ?? null;
}

// The schema's types as a list ("type: [integer, string]" or a single type; oneOf flattened).
export function schemaTypes(schema) {
  const s = deref(schema) ?? {};
  if (s.oneOf || s.anyOf) return [...new Set((s.oneOf ?? s.anyOf).flatMap((x) => schemaTypes(x)))];
  const t = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return s.nullable ? [...t, 'null'] : t;
}
