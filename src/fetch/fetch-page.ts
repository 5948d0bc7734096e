import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress, publicOnlyLookup, RefusedAddressError } from './public-address.ts';

/**
 * Fetches a page a moderator linked to, safely: http and https only; every host resolved and refused when any of
 * its addresses is not public, on the first request and on every redirect (at most five), with the checked address
 * pinned for the connection; a size limit, a total time limit, HTML or text only (any type for an uploaded file),
 * no cookies, and a User-Agent that names Dossier. FETCH_ALLOW_HOSTS (host or host:port) lets tests reach a local
 * server. Every refusal is one sentence, as a FetchRefusedError.
 */

export interface FetchLimits {
  maxBytes: number;
  /** The whole fetch, redirects and body included. */
  totalMs: number;
  maxRedirects: number;
}

export const FETCH_LIMITS: Readonly<FetchLimits> = { maxBytes: 5 * 1024 * 1024, totalMs: 20_000, maxRedirects: 5 };

export const USER_AGENT = 'DossierBot/0.1 (news-report question answering; fetches only pages a moderator links)';
const ACCEPTED_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'];

export class FetchRefusedError extends Error {
  override name = 'FetchRefusedError';
}

/** The body is over the size limit: declared so (`declaredBytes`), or found so while reading. */
export class FetchTooLargeError extends FetchRefusedError {
  override name = 'FetchTooLargeError';
  constructor(
    message: string,
    readonly declaredBytes: number | null,
  ) {
    super(message);
  }
}

export interface FetchedPage {
  /** The address the page came from, after redirects. */
  url: string;
  contentType: string;
  bytes: Buffer;
}

export interface FetchOptions {
  /** host or host:port that may be reached even when not public (tests). */
  allowHosts?: readonly string[];
  limits?: Partial<FetchLimits>;
  /** Any content type is taken (an uploaded file), not only web pages and text. */
  anyContentType?: boolean;
}

function hostAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.some((entry) => {
    const wanted = entry.toLowerCase().replace(/^\[|\]$/g, '');
    return wanted === host || wanted === `${host}:${port}` || entry.toLowerCase() === `[${host}]:${port}`;
  });
}

function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FetchRefusedError(`"${link.slice(0, 100)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(`Only http and https links can be fetched, not ${url.protocol.replace(':', '')}.`);
  if (url.username || url.password) throw new FetchRefusedError('Links with a user name or password are not fetched.');
  return url;
}

function requestOnce(
  url: URL,
  allowHosts: readonly string[],
  limits: FetchLimits,
  deadline: number,
  signal: AbortSignal,
  anyContentType: boolean,
): Promise<IncomingMessage> {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !isPublicAddress(literal) && !hostAllowed(url, allowHosts)) {
    return Promise.reject(new FetchRefusedError(`${literal} is not a public address, so the link was not fetched.`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT, accept: anyContentType ? '*/*' : 'text/html,application/xhtml+xml,text/plain;q=0.9' },
      lookup: publicOnlyLookup(() => hostAllowed(url, allowHosts)) as never,
      // No agent: a fresh connection, so no socket checked for another host is reused.
      agent: false,
      signal,
      timeout: Math.max(1, deadline - Date.now()),
    });
    request.on('response', resolve);
    request.on('timeout', () => request.destroy(new FetchRefusedError('The page took too long to answer.')));
    request.on('error', (error) => {
      if (error instanceof FetchRefusedError) return reject(error);
      if (error instanceof RefusedAddressError) return reject(new FetchRefusedError(`${error.message}, so the link was not fetched.`));
      if (signal.aborted)
        return reject(new FetchRefusedError(`The page was not fully received within ${Math.round(limits.totalMs / 1000)} seconds.`));
      reject(new FetchRefusedError(`The page could not be fetched (${(error as NodeJS.ErrnoException).code ?? error.message}).`));
    });
    request.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response) {
      received += (chunk as Buffer).length;
      if (received > maxBytes) {
        response.destroy();
        throw new FetchTooLargeError(`The page is over ${Math.round(maxBytes / 1024 / 1024)} MB, so it was not stored.`, null);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FetchRefusedError) throw error;
    if (signal.aborted) throw new FetchRefusedError('The page was not fully received in time.');
    throw new FetchRefusedError(`The page could not be read (${(error as Error).message}).`);
  }
  return Buffer.concat(chunks);
}

export async function fetchPage(link: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const limits = { ...FETCH_LIMITS, ...options.limits };
  const allowHosts = options.allowHosts ?? [];
  const controller = new AbortController();
  const deadline = Date.now() + limits.totalMs;
  const timer = setTimeout(() => controller.abort(), limits.totalMs);
  try {
    let url = parseLink(link);
    for (let redirects = 0; ; redirects++) {
      const response = await requestOnce(url, allowHosts, limits, deadline, controller.signal, options.anyContentType ?? false);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= limits.maxRedirects) throw new FetchRefusedError(`The link redirected more than ${limits.maxRedirects} times.`);
        // Every hop is a new link, checked from the start.
        url = parseLink(new URL(response.headers.location, url).toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchRefusedError(`The page answered HTTP ${status}.`);
      }
      const contentType = String(response.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (!options.anyContentType && !ACCEPTED_TYPES.includes(contentType)) {
        response.destroy();
        throw new FetchRefusedError(`The link is ${contentType || 'of no stated type'}, not a web page or text.`);
      }
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > limits.maxBytes) {
        response.destroy();
        throw new FetchTooLargeError(
          `The page is ${Math.round(declared / 1024 / 1024)} MB; pages may be at most ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`,
          declared,
        );
      }
      return { url: url.toString(), contentType, bytes: await readBody(response, limits.maxBytes, controller.signal) };
    }
  } finally {
    clearTimeout(timer);
  }
}
