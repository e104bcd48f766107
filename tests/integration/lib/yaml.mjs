// A small parser for the YAML subset docs/openapi.yaml is written in (see the comment at its top):
// block mappings and sequences, plain/quoted scalars, flow sequences of scalars, the empty flow
// mapping, block scalars (| and >). No anchors, aliases, tags or multiple documents. It throws on
// anything outside the subset, so a change of style in openapi.yaml shows up as a clear failure.

export function parseYaml(text) {
  const parser = new Parser(text);
  const first = parser.peek();
  if (!first) return null;
  const value = parser.parseNode(first.indent);
  const rest = parser.peek();
  if (rest) throw parser.error(rest, 'unexpected content');
  return value;
}

class Parser {
  constructor(text) {
    this.lines = text.replace(/\r\n?/g, '\n').split('\n');
    this.index = 0;
  }

  error(line, message) {
    return new Error(`openapi yaml line ${line.number}: ${message}: ${JSON.stringify(line.content)}`);
  }

  // The next significant line (not blank, not a comment), without consuming it.
  peek() {
    while (this.index < this.lines.length) {
      const raw = this.lines[this.index];
      if (/^\s*(#.*)?$/.test(raw)) { this.index++; continue; }
      if (/^\t/.test(raw)) throw new Error(`openapi yaml line ${this.index + 1}: tab indentation`);
      const indent = raw.length - raw.trimStart().length;
      return { indent, content: stripComment(raw.slice(indent)), number: this.index + 1 };
    }
    return null;
  }

  parseNode(indent) {
    const line = this.peek();
    if (isSeqItem(line.content)) return this.parseSeq(indent);
    return this.parseMap(indent);
  }

  parseMap(indent) {
    const map = {};
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) throw this.error(line, 'bad indentation');
      if (isSeqItem(line.content)) break;
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"\s][^#]*?)\s*:(?:\s+(.*))?$/.exec(line.content);
      if (!m) throw this.error(line, 'expected "key: value"');
      const key = unquoteKey(m[1]);
      if (Object.prototype.hasOwnProperty.call(map, key)) throw this.error(line, `duplicate key ${key}`);
      const rest = (m[2] ?? '').trim();
      this.index++;
      map[key] = this.parseValue(rest, indent, line);
    }
    return map;
  }

  parseSeq(indent) {
    const seq = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) throw this.error(line, 'bad indentation');
      if (!isSeqItem(line.content)) break;
      const rest = line.content === '-' ? '' : line.content.slice(2).trim();
      if (rest === '') {
        this.index++;
        const next = this.peek();
        if (!next || next.indent <= indent) { seq.push(null); continue; }
        seq.push(this.parseNode(next.indent));
      } else if (/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"\s\[{][^#]*?)\s*:(\s|$)/.test(rest)) {
        // "- key: value": a mapping whose keys sit two columns to the right of the dash.
        const keyIndent = indent + (line.content.length - line.content.slice(1).trimStart().length);
        this.lines[this.index] = ' '.repeat(keyIndent) + rest;
        seq.push(this.parseMap(keyIndent));
      } else {
        this.index++;
        seq.push(parseScalar(rest, line, this));
      }
    }
    return seq;
  }

  parseValue(rest, indent, line) {
    if (rest === '') {
      const next = this.peek();
      if (!next) return null;
      if (next.indent > indent) return this.parseNode(next.indent);
      if (next.indent === indent && isSeqItem(next.content)) return this.parseSeq(indent);
      return null;
    }
    if (/^[|>][+-]?$/.test(rest)) return this.parseBlockScalar(rest, indent);
    return parseScalar(rest, line, this);
  }

  parseBlockScalar(header, indent) {
    const folded = header[0] === '>';
    const chomp = header[1] ?? '';
    const collected = [];
    let blockIndent = -1;
    while (this.index < this.lines.length) {
      const raw = this.lines[this.index];
      if (raw.trim() === '') { collected.push(''); this.index++; continue; }
      const ind = raw.length - raw.trimStart().length;
      if (ind <= indent) break;
      if (blockIndent < 0) blockIndent = ind;
      if (ind < blockIndent) break;
      collected.push(raw.slice(blockIndent));
      this.index++;
    }
    while (collected.length && collected[collected.length - 1] === '') collected.pop();
    let text;
    if (folded) {
      text = '';
      for (let i = 0; i < collected.length; i++) {
        const l = collected[i];
        if (i === 0) text = l;
        else if (l === '' ) text += '\n';
        else text += (text.endsWith('\n') || text === '' ? '' : ' ') + l;
      }
    } else {
      text = collected.join('\n');
    }
    if (chomp !== '-') text += '\n';
    return text;
  }
}

function isSeqItem(content) {
  return content === '-' || content.startsWith('- ');
}

function stripComment(s) {
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (quote === '"' && c === '\\') { i++; continue; }
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s\[,:{-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

function unquoteKey(k) {
  if (k.startsWith('"')) return JSON.parse(k);
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

function parseScalar(s, line, parser) {
  if (s.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) throw parser.error(line, 'bad double-quoted scalar');
    return JSON.parse(s);
  }
  if (s.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(s)) throw parser.error(line, 'bad single-quoted scalar');
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw parser.error(line, 'multi-line flow sequences are not supported');
    return splitFlow(s.slice(1, -1), line, parser).map((item) => parseScalar(item, line, parser));
  }
  if (s.startsWith('{')) {
    if (/^\{\s*\}$/.test(s)) return {};
    throw parser.error(line, 'only the empty flow mapping {} is supported');
  }
  if (/^[&*!]/.test(s)) throw parser.error(line, 'anchors, aliases and tags are not supported');
  if (s === '~' || s === 'null') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^-?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
  if (/^-?(0|[1-9][0-9]*)\.[0-9]+$/.test(s)) return Number(s);
  return s;
}

function splitFlow(body, line, parser) {
  const items = [];
  let current = '';
  let quote = null;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      current += c;
      if (quote === '"' && c === '\\') { current += body[++i]; continue; }
      if (c === quote) {
        if (quote === "'" && body[i + 1] === "'") { current += body[++i]; continue; }
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '[' || c === '{') {
      throw parser.error(line, 'nested flow collections are not supported');
    } else if (c === ',') {
      items.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (quote) throw parser.error(line, 'unclosed quote in flow sequence');
  if (current.trim() !== '' || items.length) items.push(current.trim());
  return items.filter((x, i, all) => !(x === '' && i === all.length - 1));
}

// The operations of an OpenAPI document: [{method, path, permission, operation}].
export function openapiOperations(doc) {
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path, permission: operation['x-permission'], operation });
    }
  }
  return ops;
}
