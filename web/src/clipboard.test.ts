import { describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';

describe('copyText', () => {
  it('uses the Clipboard API when it is there', async () => {
    const writeText = vi.fn(async () => undefined);
    const copyBySelection = vi.fn(() => true);
    expect(await copyText('K7M2-QX4P', { clipboard: { writeText }, copyBySelection })).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('K7M2-QX4P');
    expect(copyBySelection).not.toHaveBeenCalled();
  });

  it('falls back to the selection when the Clipboard API refuses or is missing', async () => {
    const refused = { writeText: vi.fn(async () => Promise.reject(new Error('NotAllowedError'))) };
    const copyBySelection = vi.fn(() => true);
    expect(await copyText('abc', { clipboard: refused, copyBySelection })).toBe('copied');
    expect(copyBySelection).toHaveBeenCalledWith('abc');
    expect(await copyText('abc', { clipboard: null, copyBySelection })).toBe('copied');
  });

  it('reports a failure when nothing could copy, so the page can say to copy by hand', async () => {
    const refused = { writeText: async () => Promise.reject(new Error('denied')) };
    expect(await copyText('abc', { clipboard: refused, copyBySelection: () => false })).toBe('failed');
    expect(await copyText('abc', {})).toBe('failed');
  });
});
