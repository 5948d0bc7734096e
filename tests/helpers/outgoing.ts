import type { RecordedRequest } from '../fake-discord/index.ts';

/**
 * The message a request to the fake Discord carries, if it carries one: an interaction reply or update, a webhook
 * follow-up or edit, or a channel message. Null for everything else.
 */
export function outgoingMessage(request: RecordedRequest): { allowed_mentions?: { parse?: unknown[] } } | null {
  if (request.path.endsWith('/callback') && [4, 7].includes(request.body?.type)) return request.body.data;
  if (/\/webhooks\//.test(request.path) && ['POST', 'PATCH'].includes(request.method)) return request.body;
  if (/\/channels\/\d+\/messages$/.test(request.path) && request.method === 'POST') return request.body;
  return null;
}
