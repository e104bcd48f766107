// A small JSON Schema checker for the subset docs/openapi.yaml uses: $ref, type (also as a list),
// const, enum, required, properties, additionalProperties: false, items, oneOf, allOf,
// minimum/maximum, minLength/maxLength, pattern. Formats are not checked except date/date-time
// shape. Returns a list of "path: problem" strings (empty when the value conforms).

// strict: an object schema that lists properties and says nothing of others allows no others
// (as if additionalProperties: false), and an object schema that lists none is refused as
// undeclared; the integration suite checks every answer so (after/documents.test.mjs).
export function checkSchema(doc, schema, value, path = '$', { strict = false } = {}) {
  const errors = [];
  walk(doc, schema, value, path, errors, strict);
  return errors;
}

// The properties an object schema declares, through $ref and allOf.
function declared(doc, schema, out = new Set()) {
  if (!schema || typeof schema !== 'object') return out;
  if (schema.$ref) return declared(doc, resolve(doc, schema.$ref), out);
  for (const k of Object.keys(schema.properties ?? {})) out.add(k);
  for (const s of schema.allOf ?? []) declared(doc, s, out);
  return out;
}

function resolve(doc, ref) {
  let node = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want, v) {
  const t = typeOf(v);
  return want === t || (want === 'number' && t === 'integer');
}

function walk(doc, schema, v, path, errors, strict = false, inAllOf = false) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.$ref) return walk(doc, resolve(doc, schema.$ref), v, path, errors, strict, inAllOf);
  if (schema.allOf) for (const s of schema.allOf) walk(doc, s, v, path, errors, strict, true);
  if (schema.oneOf) {
    const results = schema.oneOf.map((s) => checkSchema(doc, s, v, path, { strict }));
    const ok = results.filter((r) => r.length === 0).length;
    if (ok !== 1) {
      errors.push(`${path}: matches ${ok} of oneOf (${results.map((r) => r[0] ?? 'ok').join(' | ')})`);
    }
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, v))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(v)} ${JSON.stringify(v)?.slice(0, 80)}`);
      return;
    }
  }
  if ('const' in schema && v !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && [...v].length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && [...v].length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) errors.push(`${path}: not a date: ${v}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) errors.push(`${path}: not a date-time: ${v}`);
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && v > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeOf(v) === 'object') {
    for (const k of schema.required ?? []) if (!(k in v)) errors.push(`${path}: missing ${k}`);
    for (const [k, s] of Object.entries(schema.properties ?? {})) if (k in v) walk(doc, s, v[k], `${path}.${k}`, errors, strict);
    if (strict && !inAllOf && schema.additionalProperties === undefined && !schema.oneOf) {
      const known = declared(doc, schema);
      if (known.size === 0) errors.push(`${path}: an object the schema does not describe (bare type: object)`);
      else for (const k of Object.keys(v)) if (!known.has(k)) errors.push(`${path}: undeclared property ${k}`);
    }
    if (schema.additionalProperties === false) {
      for (const k of Object.keys(v)) if (!(k in (schema.properties ?? {}))) errors.push(`${path}: unexpected property ${k}`);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      for (const [k, x] of Object.entries(v)) if (!(k in (schema.properties ?? {}))) walk(doc, schema.additionalProperties, x, `${path}.${k}`, errors, strict);
    }
  }
  if (Array.isArray(v) && schema.items) v.forEach((x, i) => walk(doc, schema.items, x, `${path}[${i}]`, errors, strict));
}

// The schema of an operation's response: responses[status].content[contentType].schema.
export function responseSchema(doc, method, path, status, contentType = 'application/json') {
  const op = doc.paths?.[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${path} in openapi.yaml`);
  let resp = op.responses?.[String(status)];
  if (!resp) throw new Error(`${method} ${path}: no ${status} response in openapi.yaml`);
  if (resp.$ref) resp = resolve(doc, resp.$ref);
  const media = resp.content?.[contentType];
  if (!media) throw new Error(`${method} ${path} ${status}: no ${contentType} content in openapi.yaml`);
  return media.schema;
}
