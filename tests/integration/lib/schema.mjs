// Checks answers against the schemas of docs/openapi.yaml (OpenAPI 3.1, so JSON Schema 2020-12)
// with ajv, the standard JSON Schema validator (an npm devDependency of web/). Strictly: an
// object schema that says nothing of other properties allows none (unevaluatedProperties: false is
// added to it, so properties declared through allOf and the matching oneOf branch still count),
// and an object schema that lists no properties admits only {}. The integration suite checks every
// answer so (after/documents.test.mjs), besides the answers schemas.test.mjs checks one by one.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRequire = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'package.json'));
const Ajv2020 = webRequire('ajv/dist/2020').default;
const addFormats = webRequire('ajv-formats').default;

const COMPONENTS = 'kenes-openapi';
const OPEN = '.open';   // the $defs entry of a component without the added unevaluatedProperties
const SCHEMA = ['items', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'not', 'contains', 'if', 'then', 'else'];
const SCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
// OpenAPI's own keywords beside JSON Schema's, and annotations ajv need not see.
const OPENAPI_ONLY = new Set(['discriminator', 'xml', 'externalDocs', 'example']);

// A copy of an OpenAPI schema for ajv: references into components/schemas point into the
// COMPONENTS schema, OpenAPI-only keywords and x- extensions go, and an object schema that says
// nothing of other properties gets unevaluatedProperties: false. Not when it is open: a member of
// allOf, oneOf or anyOf in an object schema that is closed (or open) itself, which then counts
// the properties its members declare.
function strict(node, open = false) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  const object = [node.type ?? []].flat().includes('object') || Boolean(node.properties || node.allOf);
  const closes = object && !open && !('additionalProperties' in node) && !('unevaluatedProperties' in node);
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || OPENAPI_ONLY.has(k)) continue;
    if (k === '$ref') {
      const m = /^#\/components\/schemas\/(.+)$/.exec(v);
      if (!m) throw new Error(`unsupported $ref ${v}`);
      out.$ref = `${COMPONENTS}#/$defs/${m[1]}${open ? OPEN : ''}`;
    } else if (SCHEMA.includes(k)) out[k] = typeof v === 'object' ? strict(v) : v;
    else if (SCHEMA_LISTS.includes(k)) out[k] = v.map((s) => strict(s, k !== 'prefixItems' && (open || closes)));
    else if (SCHEMA_MAPS.includes(k)) out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, strict(s)]));
    else out[k] = v;
  }
  if (closes) out.unevaluatedProperties = false;
  return out;
}

function compiler(doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const $defs = {};
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) {
    $defs[name] = strict(s);
    $defs[name + OPEN] = strict(s, true);
  }
  ajv.addSchema({ $id: COMPONENTS, $defs });
  const compiled = new WeakMap();
  return (schema) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(strict(schema)));
    return compiled.get(schema);
  };
}

const compilers = new WeakMap();

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// "$.items[0].name" for the instance path "/items/0/name".
function where(instancePath) {
  return '$' + instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
}

function at(value, instancePath) {
  for (const p of instancePath.split('/').slice(1)) value = value?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}

// The mismatches of value against an OpenAPI schema of doc, as "path: problem" strings (none when
// it conforms).
export function checkSchema(doc, schema, value) {
  if (!compilers.has(doc)) compilers.set(doc, compiler(doc));
  const validate = compilers.get(doc)(schema);
  if (validate(value)) return [];
  const problems = validate.errors.map((e) => {
    const path = where(e.instancePath);
    if (e.keyword === 'unevaluatedProperties') return `${path}: undeclared property ${e.params.unevaluatedProperty}`;
    if (e.keyword === 'additionalProperties') return `${path}: undeclared property ${e.params.additionalProperty}`;
    const v = at(value, e.instancePath);
    const got = ['type', 'enum', 'const', 'format', 'pattern'].includes(e.keyword) ? `, got ${typeOf(v)} ${JSON.stringify(v)?.slice(0, 80)}` : '';
    return `${path}: ${e.message}${e.keyword === 'enum' ? ' ' + JSON.stringify(e.params.allowedValues) : ''}${got}`;
  });
  return [...new Set(problems)];
}

// The schema of an operation's response: responses[status].content[contentType].schema.
export function responseSchema(doc, method, path, status, contentType = 'application/json') {
  const op = doc.paths?.[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${path} in openapi.yaml`);
  let resp = op.responses?.[String(status)];
  if (!resp) throw new Error(`${method} ${path}: no ${status} response in openapi.yaml`);
  if (resp.$ref) resp = resolveRef(doc, resp.$ref);
  const media = resp.content?.[contentType];
  if (!media) throw new Error(`${method} ${path} ${status}: no ${contentType} content in openapi.yaml`);
  return media.schema;
}

function resolveRef(doc, ref) {
  let node = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}
