import { describe, expect, it } from 'vitest';
import { parseCsv, unneutralise, withBom } from './csv';

describe('parseCsv (the server exports: RFC 4180, semicolons, BOM)', () => {
  it('reads plain rows and skips the BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa;b\r\n1;2\r\n\r\n3;\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', ''],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('x;y')).toEqual([['x', 'y']]);
  });
  it('keeps delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'S1;"Иванов; Пётр";"say ""hi""";"two\r\nlines"\r\nS2;"\'=HYPERLINK(""http://x"",""y"")";"\'+1";"\'\tTab"\r\n';
    expect(parseCsv(text)).toEqual([
      ['S1', 'Иванов; Пётр', 'say "hi"', 'two\r\nlines'],
      ['S2', '\'=HYPERLINK("http://x","y")', "'+1", "'\tTab"],
    ]);
  });
  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a;"b\r\n')).toThrow();
  });
});

describe('unneutralise', () => {
  it('drops only the apostrophe the server put before a formula-like start', () => {
    expect(unneutralise("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(unneutralise("'+1")).toBe('+1');
    expect(unneutralise("'-1")).toBe('-1');
    expect(unneutralise("'@SUM(1)")).toBe('@SUM(1)');
    expect(unneutralise("'\tx")).toBe('\tx');
    expect(unneutralise("O'Brien")).toBe("O'Brien");
    expect(unneutralise("'quoted'")).toBe("'quoted'");
  });
});

describe('withBom', () => {
  it('adds the BOM once', () => {
    expect(withBom('a;b')).toBe('\uFEFFa;b');
    expect(withBom('\uFEFFa;b')).toBe('\uFEFFa;b');
  });
});
