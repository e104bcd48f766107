import { describe, expect, it } from 'vitest';
import { pageInfo, parseOffset } from './pagination';

describe('pageInfo', () => {
  it('first page', () => {
    expect(pageInfo(312, 25, 0, 25)).toEqual({ from: 1, to: 25, total: 312, page: 1, pages: 13, prevOffset: null, nextOffset: 25 });
  });

  it('middle page', () => {
    const info = pageInfo(312, 25, 50, 25);
    expect([info.from, info.to, info.page, info.prevOffset, info.nextOffset]).toEqual([51, 75, 3, 25, 75]);
  });

  it('last, partial page', () => {
    const info = pageInfo(312, 25, 300, 12);
    expect([info.from, info.to, info.page, info.pages, info.nextOffset]).toEqual([301, 312, 13, 13, null]);
  });

  it('empty result', () => {
    expect(pageInfo(0, 25, 0, 0)).toEqual({ from: 0, to: 0, total: 0, page: 1, pages: 1, prevOffset: null, nextOffset: null });
  });

  it('computes the shown count when not given', () => {
    expect(pageInfo(30, 25, 25).to).toBe(30);
  });

  it('an offset not on a page boundary still steps by limit and never below 0', () => {
    expect(pageInfo(100, 25, 10, 25).prevOffset).toBe(0);
  });
});

describe('parseOffset', () => {
  it.each([
    ['50', 50],
    ['0', 0],
    [null, 0],
    ['', 0],
    ['-5', 0],
    ['2.5', 0],
    ['abc', 0],
  ])('%s -> %i', (input, expected) => expect(parseOffset(input)).toBe(expected));
});
