import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart, type UploadedFile } from './multipart.ts';
import type { RecordedRequest, Response } from './rest.ts';

/**
 * One HTTP exchange with the fake's REST API: the request as recorded (JSON or multipart with `payload_json`,
 * Discord's `%40original` path segments decoded), the answer written back, and the failures a test injects (429 with
 * Discord's rate-limit headers and body, 404, 5xx) in place of the route's answer.
 */

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Injection {
  match: (request: RecordedRequest) => boolean;
  responses: InjectedResponse[];
}

export interface ReadRequest {
  request: RecordedRequest;
  files: UploadedFile[];
  url: URL;
  /** The body claimed to be JSON and was not: Discord answers 50109. */
  badJson: boolean;
}

/** The request, read whole; null when the client went away before sending it. */
export async function readRequest(incoming: IncomingMessage): Promise<ReadRequest | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
  } catch {
    return null;
  }
  const raw = Buffer.concat(chunks);
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const contentType = String(incoming.headers['content-type'] ?? '');
  let body: any = null;
  let files: UploadedFile[] = [];
  let badJson = false;
  if (raw.length > 0) {
    if (contentType.startsWith('multipart/form-data')) {
      const parts = parseMultipart(raw, contentType);
      files = parts.files;
      try {
        body = parts.fields.payload_json !== undefined ? JSON.parse(parts.fields.payload_json) : { ...parts.fields };
      } catch {
        badJson = true;
        body = { ...parts.fields };
      }
      body.files = files;
    } else {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        badJson = contentType.includes('json');
        body = raw.toString('utf8');
      }
    }
  }
  const request: RecordedRequest = {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname
      .split('/')
      .map((segment) => {
        try {
          return decodeURIComponent(segment);
        } catch {
          return segment;
        }
      })
      .join('/'),
    query: url.search.replace(/^\?/, ''),
    body,
    headers: { ...incoming.headers },
    at: Date.now(),
  };
  return { request, files, url, badJson };
}

export function writeResponse(outgoing: ServerResponse, response: Response): void {
  const headers: Record<string, string> = { 'x-fake-discord': '1', ...response.headers };
  if (response.body !== undefined && response.status !== 204) {
    const text = JSON.stringify(response.body);
    outgoing.writeHead(response.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text).toString(),
      ...headers,
    });
    outgoing.end(text);
  } else {
    outgoing.writeHead(response.status, headers);
    outgoing.end();
  }
}

/** The next injected answer for a request a test asked to fail, in Discord's shape; undefined when none applies. */
export function takeInjection(injections: readonly Injection[], request: RecordedRequest): Response | undefined {
  for (const injection of injections) {
    if (injection.responses.length === 0 || !injection.match(request)) continue;
    const next = injection.responses.shift()!;
    const headers: Record<string, string> = { ...next.headers };
    let body = next.body;
    if (next.status === 429) {
      const key = Object.keys(headers).find((name) => name.toLowerCase() === 'retry-after');
      if (!key) headers['retry-after'] = '0.1';
      const retryAfter = Number(headers[key ?? 'retry-after']);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-ratelimit-scope')) headers['x-ratelimit-scope'] = 'user';
      body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
    }
    body ??=
      next.status === 404
        ? { message: '404: Not Found', code: 0 }
        : next.status >= 500
          ? { message: `${next.status}: Server Error`, code: 0 }
          : undefined;
    return { status: next.status, body, headers };
  }
  return undefined;
}
