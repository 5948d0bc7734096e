import type { UploadedFile } from './multipart.ts';
import type { DiscordError } from './validate.ts';

/** What every part of the fake's REST API shares: requests as recorded, responses, routes and message flags. */

export interface RecordedRequest {
  method: string;
  /** The decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original` (Discord's `%40original` decoded). */
  path: string;
  /** The raw query string without `?`, e.g. `with_response=false`. */
  query: string;
  /** Parsed JSON; for multipart requests the parsed `payload_json` plus `files: UploadedFile[]`; null when empty. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
  at: number;
  /** The HTTP status the fake answered with (set once answered). */
  status?: number;
}

export type Message = Record<string, any>;

export interface RegisteredCommand {
  scope: string;
  body: Record<string, any>;
}

export interface InteractionEvent {
  method: string;
  body: any;
  /** `@original` or the follow-up message id. */
  messageId: string;
  path: string;
  at: number;
}

export interface InteractionState {
  id: string;
  token: string;
  type: number;
  payload: any;
  channelId: string;
  deliveredAt: number | null;
  callback: { type: number; data?: any } | null;
  /** The message `@original` refers to: the response for 4/5, the component's message for 6/7. */
  original: Message | null;
  followups: Map<string, Message>;
  events: InteractionEvent[];
  /** Delivered over HTTP: the exchange in flight (webhook calls wait for it, as Discord's do) and how it ended. */
  httpExchange?: Promise<void>;
  http?: { endpoint: string; status: number; body: unknown; problem?: unknown };
}

export interface Response {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: string[];
  auth: boolean;
  handle(params: Record<string, string>, request: RecordedRequest, files: UploadedFile[], url: URL): Response;
}

export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;

export const ok = (body: unknown): Response => ({ status: 200, body });
export const noContent = (): Response => ({ status: 204 });
export const error = (status: number, code: number, message: string): Response => ({ status, body: { message, code } });
export const fromDiscordError = (problem: DiscordError): Response => ({ status: problem.status, body: problem.body });

/** Routes by method and path pattern (`channels/:id/messages`), under /api or /api/v{n}; auth routes want the bot token. */
export class RouteTable {
  private readonly routes: Route[] = [];

  add(method: string, path: string, auth: boolean, handle: Route['handle']): void {
    this.routes.push({ method, pattern: path.split('/').filter(Boolean), auth, handle });
  }

  route(request: RecordedRequest, files: UploadedFile[], url: URL, token: string): Response {
    const prefix = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(request.path);
    if (!prefix) return error(404, 0, '404: Not Found');
    const segments = (prefix[2] ?? '/').split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.pattern.every((part, index) => {
        const segment = segments[index]!;
        if (part.startsWith(':')) {
          params[part.slice(1)] = segment;
          return true;
        }
        return part === segment;
      });
      if (!matches) continue;
      if (route.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      if (route.auth && request.headers.authorization !== `Bot ${token}`) return error(401, 0, '401: Unauthorized');
      return route.handle(params, request, files, url);
    }
    return methodMismatch ? error(405, 0, '405: Method Not Allowed') : error(404, 0, '404: Not Found');
  }
}

/** What every route that writes messages needs from the fake: the bot user, the message store and the echo. */
export interface MessageParts {
  bot(): any;
  messages: Map<string, Map<string, Message>>;
  buildMessage(
    channelId: string,
    author: any,
    body: any,
    files: UploadedFile[],
    options?: { type?: number; extra?: Record<string, unknown> },
  ): Message;
  storeMessage(message: Message): void;
  applyEdit(message: Message, body: any, files: UploadedFile[]): void;
  echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE', message: Message): void;
}
