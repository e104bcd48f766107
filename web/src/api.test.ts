import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, onUnauthenticated, parseRetryAfter, requestHeaders, setCsrfToken, toProblem, withQuery } from './api';
import { DEFAULT_LOCALE, setLocale } from './i18n';

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/people', { q: 'Әлия С', kind: '', group_id: null, limit: 25, offset: 0 })).toBe('/api/v1/people?q=%D3%98%D0%BB%D0%B8%D1%8F+%D0%A1&limit=25&offset=0');
    expect(withQuery('/x', {})).toBe('/x');
    expect(withQuery('/x?a=1', { b: 2 })).toBe('/x?a=1&b=2');
  });
});

describe('toProblem', () => {
  it('reads a problem+json body', () => {
    const problem = toProblem(422, { type: '/problems/validation', title: 'T', status: 422, detail: 'D', code: 'validation', errors: [{ field: 'a', code: 'required' }] });
    expect(problem).toEqual({ type: '/problems/validation', title: 'T', status: 422, detail: 'D', code: 'validation', rule: undefined, errors: [{ field: 'a', code: 'required' }] });
  });

  it('survives a body that is not a problem', () => {
    expect(toProblem(502, 'Bad Gateway', 'Bad Gateway')).toEqual({ status: 502, title: 'Bad Gateway' });
    expect(toProblem(500, undefined)).toEqual({ status: 500, title: undefined });
  });

  it('ApiError.code falls back to the type URI and then the status', () => {
    expect(new ApiError({ status: 403, type: '/problems/csrf' }).code).toBe('csrf');
    expect(new ApiError({ status: 418 }).code).toBe('http_418');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBe(null);
    expect(parseRetryAfter('soon')).toBe(null);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(parseRetryAfter(inOneMinute)).toBeGreaterThanOrEqual(58);
  });
});

describe('request', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    onUnauthenticated(null);
    setLocale(DEFAULT_LOCALE);
  });

  const jsonResponse = (status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });

  it('GET sends the UI language but no CSRF token or content type', async () => {
    setLocale('ru');
    setCsrfToken('tok');
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: 1 }));
    await expect(api.get('/api/v1/me')).resolves.toEqual({ ok: 1 });
    const [, init] = fetchMock.mock.calls[0];
    expect(init.method).toBe('GET');
    expect(init.headers['Accept-Language']).toBe('ru');
    expect(init.headers['X-CSRF-Token']).toBeUndefined();
    expect(init.headers['Content-Type']).toBeUndefined();
  });

  it('state-changing requests send JSON, the CSRF token and the language', async () => {
    setCsrfToken('tok-123');
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api.delete('/api/v1/imports/7')).resolves.toBeUndefined();
    await api.patch('/api/v1/me', { locale: 'en' }).catch(() => undefined);
    const [, del] = fetchMock.mock.calls[0];
    expect(del.headers).toMatchObject({ 'X-CSRF-Token': 'tok-123', 'Content-Type': 'application/json', 'Accept-Language': 'kk' });
    const [, patch] = fetchMock.mock.calls[1];
    expect(patch.body).toBe('{"locale":"en"}');
  });

  it('throws ApiError with the parsed problem and Retry-After', async () => {
    fetchMock.mockResolvedValue(jsonResponse(429, { title: 'Too many', status: 429, code: 'too_many_attempts' }, 'application/problem+json', { 'Retry-After': '600' }));
    const error = await api.post('/api/v1/session', { login: 'a', password: 'b' }, { allowUnauthenticated: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.code).toBe('too_many_attempts');
    expect(error.retryAfter).toBe(600);
  });

  it('401 calls the unauthenticated handler, except where the caller handles it', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    fetchMock.mockImplementation(() => Promise.resolve(jsonResponse(401, { status: 401, code: 'unauthenticated' }, 'application/problem+json')));
    await api.get('/api/v1/people').catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
    await api.post('/api/v1/session', {}, { allowUnauthenticated: true }).catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a network failure becomes status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await api.get('/api/v1/me').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('requestHeaders lets the CSV upload set its own content type', () => {
    setCsrfToken('t');
    expect(requestHeaders('POST', 'text/csv')).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 't' });
  });
});
