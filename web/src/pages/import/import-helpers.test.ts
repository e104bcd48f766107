import { describe, expect, it } from 'vitest';
import { columnName, duplicateColumns, mappingFromSelection, percent, selectionFromMapping, sortRowErrors } from './import-helpers';

describe('import mapping', () => {
  it('round-trips between the API mapping and the selects', () => {
    const fields = ['student_number', 'surname', 'name', 'group'];
    const selection = selectionFromMapping(fields, { surname: 1, name: 2, student_number: 0 });
    expect(selection).toEqual({ student_number: '0', surname: '1', name: '2', group: '' });
    expect(mappingFromSelection(selection)).toEqual({ student_number: 0, surname: 1, name: 2 });
  });

  it('tolerates a missing suggestion', () => {
    expect(selectionFromMapping(['a'], undefined)).toEqual({ a: '' });
  });

  it('finds a column chosen twice', () => {
    expect([...duplicateColumns({ a: '1', b: '1', c: '2', d: '' , e: ''})]).toEqual(['1']);
  });
});

describe('import errors', () => {
  it('names the column by its header when given an index', () => {
    expect(columnName(1, ['Номер', 'Туған күні'])).toBe('Туған күні');
    expect(columnName('Дата', [])).toBe('Дата');
    expect(columnName(null, [])).toBe('');
    expect(columnName(9, ['a'])).toBe('10');
  });

  it('sorts errors by line', () => {
    expect(sortRowErrors([{ line: 5, code: 'x' }, { line: 2, code: 'y' }]).map((e) => e.line)).toEqual([2, 5]);
  });

  it('percent is clamped and rounded', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(512, 1024)).toBe(50);
    expect(percent(2000, 1000)).toBe(100);
  });
});
