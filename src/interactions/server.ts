import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { APIInteractionResponse } from 'discord.js';
import { dispatchInteraction, type DispatchServices } from '../app/dispatch.ts';
import { log } from '../log.ts';
import { MemorySignatures, ReplayGuard, type SeenSignatures } from './replay-guard.ts';
import { isSignedByDiscord, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts';

/**
 * The HTTP interactions adapter: Discord POSTs each interaction to /interactions and takes the first response from
 * the HTTP response; the shared dispatcher does the rest, exactly as for the gateway. A request runs nothing unless
 * its Ed25519 signature checks out, its timestamp is recent, it was not seen before, and its body is small valid
 * JSON; otherwise it gets 401 or 400. GET /healthz is 200 only once knowledge is loaded, for load balancers.
 */

/** Discord's interaction payloads are a few kilobytes; anything this large is not one. */
export const MAX_BODY_BYTES = 256 * 1024;
/** How old (or early) a signed timestamp may be. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface InteractionsServerOptions {
  port: number;
  host?: string;
  publicKey: KeyObject;
  /** null until knowledge is loaded: until then /healthz says 503 and interactions are refused with 503. */
  services(): DispatchServices | null;
  /** What /healthz reports besides "ok", e.g. the knowledge revision. */
  describe?(): Record<string, unknown>;
  /** Where signatures already received are remembered; this process's memory unless replicas share one. */
  seenSignatures?(): SeenSignatures | null;
}

export interface RunningInteractionsServer {
  port: number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text, () => resolve());
  });
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function handleInteraction(
  request: IncomingMessage,
  response: ServerResponse,
  options: InteractionsServerOptions,
  replays: ReplayGuard,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) return send(response, 400, { error: `body over ${MAX_BODY_BYTES} bytes` });
    throw error;
  }
  const signature = String(request.headers[SIGNATURE_HEADER] ?? '');
  const timestamp = String(request.headers[TIMESTAMP_HEADER] ?? '');
  if (!signature || !timestamp) return send(response, 401, { error: 'missing signature headers' });
  if (!isSignedByDiscord(options.publicKey, signature, timestamp, body)) return send(response, 401, { error: 'invalid request signature' });
  const stale = await replays.admit(signature, timestamp);
  if (stale) return send(response, 401, { error: `refused: ${stale}` });
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return send(response, 400, { error: 'body is not JSON' });
  }
  const services = options.services();
  if (!services) return send(response, 503, { error: 'knowledge is still loading' });
  let responded = false;
  const transport = {
    respond: async (interactionResponse: APIInteractionResponse) => {
      if (responded) throw new Error('This interaction already has its HTTP response');
      responded = true;
      await send(response, 200, interactionResponse);
    },
  };
  const outcome = await dispatchInteraction(payload, transport, services);
  if (responded) return;
  if (outcome === 'refused') return send(response, 400, { error: 'not an interaction this bot handles' });
  // Every handled interaction responds; if one did not, Discord must not wait three seconds to learn it.
  log.warn('An interaction ended without a response');
  await send(response, 500, { error: 'no response' });
}

export function startInteractionsServer(options: InteractionsServerOptions): Promise<RunningInteractionsServer> {
  const local = new MemorySignatures();
  const replays = new ReplayGuard(SIGNATURE_WINDOW_SECONDS, () => options.seenSignatures?.() ?? local);
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const work = (async () => {
      if (path === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        const ready = options.services() !== null;
        return send(response, ready ? 200 : 503, { status: ready ? 'ok' : 'loading', ...(ready ? options.describe?.() : {}) });
      }
      if (path === '/interactions') {
        if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
        return handleInteraction(request, response, options, replays);
      }
      return send(response, 404, { error: 'not found' });
    })();
    work.catch((error: unknown) => {
      log.error('HTTP interaction request failed', error);
      if (!response.headersSent) void send(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  // A slow or idle client must not hold a connection for ever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
