import { emptyMessage, invalidFormBody, isEmptyMessage, messageProblems } from './validate.ts';
import type { UploadedFile } from './multipart.ts';
import {
  EPHEMERAL,
  error,
  fromDiscordError,
  LOADING,
  noContent,
  ok,
  type InteractionState,
  type Message,
  type MessageParts,
  type RecordedRequest,
  type Response,
  type RouteTable,
} from './rest.ts';

/** REST routes of interaction responses: the callback, and the interaction webhook's follow-ups and edits. */

export interface InteractionHost extends MessageParts {
  applicationId: string;
  interactionCallback(params: Record<string, string>, request: RecordedRequest, files: UploadedFile[], url: URL): Response;
  notify(): void;
  webhookState(params: Record<string, string>): InteractionState | Response;
  webhookMessage(state: InteractionState, messageId: string): { message: Message; key: string } | undefined;
  recordEvent(state: InteractionState, request: RecordedRequest, messageId: string): void;
}

export function interactionRoutes(table: RouteTable, host: InteractionHost): void {
  const add = table.add.bind(table);
  const bot = () => host.bot();
  // Interaction responses (no bot auth: the token in the path is the credential).
  add('POST', 'interactions/:id/:token/callback', false, (params, request, files, url) => {
    const response = host.interactionCallback(params, request, files, url);
    host.notify();
    return response;
  });
  add('POST', 'webhooks/:appId/:token', false, (params, request, files, url) => {
    const state = host.webhookState(params);
    if (!('id' in state)) return state;
    const problems = messageProblems(request.body);
    if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
    if (isEmptyMessage(request.body, files.length)) return fromDiscordError(emptyMessage());
    const message = host.buildMessage(state.channelId, bot(), request.body, files, {
      extra: { webhook_id: host.applicationId, application_id: host.applicationId },
    });
    message.flags = Number(request.body?.flags ?? 0) & (EPHEMERAL | (1 << 2) | (1 << 12) | (1 << 15));
    state.followups.set(message.id, message);
    host.storeMessage(message);
    host.recordEvent(state, request, message.id);
    host.echo('MESSAGE_CREATE', message);
    return new URLSearchParams(url.search).get('wait') === 'true' ? ok(message) : noContent();
  });
  add('GET', 'webhooks/:appId/:token/messages/:messageId', false, (params) => {
    const state = host.webhookState(params);
    if (!('id' in state)) return state;
    const found = host.webhookMessage(state, params.messageId!);
    return found ? ok(found.message) : error(404, 10008, 'Unknown Message');
  });
  add('PATCH', 'webhooks/:appId/:token/messages/:messageId', false, (params, request, files) => {
    const state = host.webhookState(params);
    if (!('id' in state)) return state;
    const found = host.webhookMessage(state, params.messageId!);
    if (!found) return error(404, 10008, 'Unknown Message');
    const problems = messageProblems(request.body);
    if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
    const wasLoading = Boolean(found.message.flags & LOADING);
    host.applyEdit(found.message, request.body ?? {}, files);
    if (isEmptyMessage(found.message, 0)) {
      if (wasLoading) found.message.flags |= LOADING;
      return fromDiscordError(emptyMessage());
    }
    host.recordEvent(state, request, found.key);
    host.echo('MESSAGE_UPDATE', found.message);
    return ok(found.message);
  });
  add('DELETE', 'webhooks/:appId/:token/messages/:messageId', false, (params, request) => {
    const state = host.webhookState(params);
    if (!('id' in state)) return state;
    const found = host.webhookMessage(state, params.messageId!);
    if (!found) return error(404, 10008, 'Unknown Message');
    host.messages.get(found.message.channel_id)?.delete(found.message.id);
    if (found.key === '@original') state.original = null;
    else state.followups.delete(found.key);
    host.recordEvent(state, request, found.key);
    host.echo('MESSAGE_DELETE', found.message);
    return noContent();
  });
}
