/**
 * Calls to the HTTP API. Errors come back as `{error, message, params?}`: people
 * see the message of the error code in their language, filled with the params, or
 * the server's (English) text for a code the catalogue does not know.
 */
import { t, tn, type MessageKey } from './i18n/index.svelte.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Where the request was wrong, as the server says it (e.g. a script's problems by line). */
    readonly details: { path: string; message: string }[] = [],
    /** Seconds the server asks to wait before trying again (a 429's Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Arena or session key, sent as a Bearer token. */
  key?: string;
  /** The server's admin password (OOGST_ADMIN_PASSWORD), for creating or importing an arena. */
  admin?: string;
}

async function call(method: string, path: string, { body, key, admin }: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (admin) headers['x-oogst-admin-password'] = admin;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers.authorization = `Bearer ${key}`;
  return checked(fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
}

/** A response, or the ApiError it stands for. */
async function checked(pending: Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await pending;
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  if (response.ok) return response;
  let error = 'http';
  let message = `${response.status} ${response.statusText}`;
  let details: { path: string; message: string }[] = [];
  let params: Record<string, string | number> = {};
  try {
    const parsed = (await response.json()) as { error?: unknown; message?: unknown; details?: unknown; params?: unknown };
    if (typeof parsed.error === 'string') error = parsed.error;
    if (typeof parsed.message === 'string') message = parsed.message;
    if (Array.isArray(parsed.details)) details = parsed.details as typeof details;
    if (parsed.params && typeof parsed.params === 'object') params = parsed.params as typeof params;
  } catch {
    // Not JSON (a proxy's error page): keep the status line.
  }
  const errorKey = `error.${error}` as MessageKey;
  const retryAfter = Number(response.headers.get('retry-after'));
  // An HTTP 429 is not sent again by itself, unlike a command's `rate-limited` in the outbox: say when to try.
  // Otherwise the server names what its sentence is about (`params`, e.g. a session's title); the page says it in its language.
  const translated = response.status === 429 && retryAfter > 0 ? tn('error.try-later', Math.ceil(retryAfter / 60)) : t(errorKey, params);
  throw new ApiError(response.status, error, translated === errorKey ? message : translated, details, retryAfter > 0 ? retryAfter : undefined);
}

/** The JSON of a request that was sent without `api` (e.g. before the app's code had loaded). */
export async function answer<T>(pending: Promise<Response>): Promise<T> {
  return (await (await checked(pending)).json()) as T;
}

/** The answer's JSON; undefined for 204 No Content (a DELETE). */
export async function api<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await call(method, path, options);
  // 204 (a delete, a contact left) has no body to read.
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Fetch a file behind a key and hand it to the browser as a download. */
export async function download(path: string, key: string, filename: string): Promise<void> {
  const blob = await (await call('GET', path, { key })).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
