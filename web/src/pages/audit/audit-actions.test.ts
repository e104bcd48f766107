// Every action the server writes to the audit log is shown as words in each language: the
// actions are read from the C++ sources (the calls of modules::audit_change and audit::record),
// so an action added on the server without its words fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES } from '../../i18n';

const SRC = join(__dirname, '..', '..', '..', '..', 'src');

function cppFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return cppFiles(path);
    return name.endsWith('.cpp') && !name.endsWith('_test.cpp') ? [path] : [];
  });
}

/** The argument list of a call starting at `open` (the index just after its "("). */
function argumentsFrom(text: string, open: number): string {
  let depth = 1;
  let i = open;
  while (depth > 0 && i < text.length) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    i++;
  }
  return text.slice(open, i - 1);
}

function serverAuditActions(): { actions: Set<string>; unresolved: string[] } {
  const actions = new Set<string>();
  const unresolved: string[] = [];
  for (const file of cppFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/(?:audit_change|audit::record)\(/g)) {
      const args = argumentsFrom(text, (call.index ?? 0) + call[0].length);
      const literal = args.match(/"([a-z_]+\.[a-z_.]+)"/);
      if (literal) actions.add(literal[1]);
      else if (!/\.create"/.test(args)) unresolved.push(`${file}: ${args.slice(0, 80)}`);
    }
    // The institution's named lists (faculties, Shanyraks) write "<entity>.create".
    if (/list\.entity \+ "\.create"/.test(text)) {
      for (const list of text.matchAll(/const NamedList \w+ \{ "\w+", "(\w+)" \}/g)) actions.add(`${list[1]}.create`);
    }
  }
  return { actions, unresolved };
}

describe('audit actions', () => {
  const { actions, unresolved } = serverAuditActions();

  it('finds the actions in the server sources', () => {
    expect(unresolved).toEqual([]);
    expect(actions.size).toBeGreaterThan(60);
    expect(actions).toContain('meeting.convene');
    expect(actions).toContain('faculty.create');
  });

  it.each(LOCALES)('every action has words in %s', (locale) => {
    const missing = [...actions].filter((action) => !catalogs[locale][`ui.audit.action_name.${action}`]);
    expect(missing).toEqual([]);
  });

  it('the words differ from the code they name', () => {
    for (const locale of LOCALES)
      for (const action of actions) expect(catalogs[locale][`ui.audit.action_name.${action}`]).not.toBe(action);
  });
});
