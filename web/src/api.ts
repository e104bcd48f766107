// A small fetch wrapper for /api/v1: sends the UI language and the CSRF token, and turns
// RFC 9457 problem+json answers into a typed ApiError the pages can show.
import { getLocale } from './i18n';
import { EventStreamParser, type StreamEvent } from './sse';

export interface FieldProblem {
  field?: string;
  code: string;
  message?: string;
  line?: number;
  column?: string | number | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  rule?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from the Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.title ?? problem.code ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string {
    return this.problem.code ?? codeFromType(this.problem.type) ?? `http_${this.status}`;
  }

  get fieldErrors(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Status 0: the request never got an HTTP answer (offline, server down, aborted). */
export const NETWORK_ERROR_STATUS = 0;

function codeFromType(type: string | undefined): string | undefined {
  const match = type?.match(/\/problems\/([a-z_]+)$/);
  return match?.[1];
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Builds a problem from any error body: problem+json, plain JSON, or nothing useful at all. */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : statusText || undefined,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      code: typeof b.code === 'string' ? b.code : undefined,
      rule: typeof b.rule === 'string' ? b.rule : undefined,
      errors: Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : undefined,
    };
  }
  return { status, title: statusText || undefined };
}

export type QueryValue = string | number | boolean | null | undefined;

/** Appends the non-empty parameters to `path` as a query string, in the given order. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    query.append(key, String(value));
  }
  const text = query.toString();
  if (!text) return path;
  return path + (path.includes('?') ? '&' : '?') + text;
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a protected request answers 401: the session has expired or was revoked. */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function requestHeaders(method: string, contentType = 'application/json'): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLocale(),
  };
  if (!SAFE_METHODS.has(method)) {
    headers['Content-Type'] = contentType;
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  return headers;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Login and the session probe handle 401 themselves instead of redirecting. */
  allowUnauthenticated?: boolean;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  const text = await response.text();
  if (!text) return undefined;
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  return text;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders(method),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' });
  }
  const data = await readBody(response);
  if (!response.ok) {
    const error = new ApiError(toProblem(response.status, data, response.statusText), parseRetryAfter(response.headers.get('Retry-After')));
    if (response.status === 401 && !options.allowUnauthenticated) unauthenticatedHandler?.();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends a file as the raw request body. XMLHttpRequest rather than fetch because only it
 * reports upload progress, which matters for a 10 MiB roster on a school's slow connection.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress?: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const contentType = file.type === 'text/csv' ? 'text/csv' : 'application/octet-stream';
    for (const [name, value] of Object.entries(requestHeaders('POST', contentType))) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      if (xhr.status === 401) unauthenticatedHandler?.();
      reject(new ApiError(toProblem(xhr.status, data, xhr.statusText), parseRetryAfter(xhr.getResponseHeader('Retry-After'))));
    };
    xhr.onerror = () => reject(new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * Reads a server-sent events stream with fetch rather than EventSource: EventSource cannot send
 * Accept-Language, and the server words its sentences (the quorum) in the request's language.
 * Resolves when the server ends the stream; rejects on an error answer or a broken connection.
 */
export async function readEventStream(path: string, onEvent: (event: StreamEvent) => void, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { ...requestHeaders('GET'), Accept: 'text/event-stream, application/problem+json' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' });
  }
  if (!response.ok || !response.body || !(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
    const data = await readBody(response);
    if (response.status === 401) unauthenticatedHandler?.();
    throw new ApiError(toProblem(response.ok ? NETWORK_ERROR_STATUS : response.status, data, response.statusText));
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
}

/**
 * Downloads a file with the UI language in Accept-Language (a plain link sends the browser's),
 * and saves it under `filename` through a temporary object URL.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { ...requestHeaders('GET'), Accept: '*/*' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' });
  }
  if (!response.ok) {
    const data = await readBody(response);
    if (response.status === 401) unauthenticatedHandler?.();
    throw new ApiError(toProblem(response.status, data, response.statusText));
  }
  saveBlob(await response.blob(), filename);
}

/** Saves bytes the page holds as a file named `filename`, through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function isAbort(error: unknown): boolean {
  return (error as Error)?.name === 'AbortError';
}
