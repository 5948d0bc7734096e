import {
  emptyMessage,
  invalidFormBody,
  isEmptyMessage,
  messageProblems,
  autocompleteProblems,
  modalProblems,
  type FieldProblem,
} from './validate.ts';
import { error, fromDiscordError, type InteractionEvent, type InteractionState, type Response } from './rest.ts';

/**
 * Interactions as a test sees them (a handle that waits for the callback, edits and follow-ups) and Discord's rules
 * for the first response to one: which response types each interaction allows, and what their bodies must hold.
 */

export const DEFAULT_TIMEOUT_MS = 5_000;

export type WaitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string) => Promise<T>;

export interface InteractionHandle {
  id: string;
  token: string;
  /** The INTERACTION_CREATE `d` sent to the client. */
  readonly payload: any;
  /** Resolves with the first callback (POST …/callback) body: { type, data }. */
  callback(timeoutMs?: number): Promise<{ type: number; data?: any }>;
  /** Resolves with the next (not yet consumed) edit / follow-up / delete for this interaction token. */
  nextMessage(timeoutMs?: number): Promise<InteractionEvent>;
  /**
   * The final visible message body: the callback data for type 4/7, or the latest PATCH @original after a
   * deferral (5/6). Waits until no further @original edit arrived for `settleMs`.
   */
  finalMessage(timeoutMs?: number, settleMs?: number): Promise<any>;
  /** The fake's current full message object behind @original (merged edits), or null. */
  originalMessage(): any;
  /** Resolves once the INTERACTION_CREATE was written to a client socket. */
  delivered(timeoutMs?: number): Promise<void>;
}

/** Interaction type → the response types Discord accepts for it. */
const ALLOWED_RESPONSES: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };

/** Why Discord would refuse this first response, as its REST answer; null when it is acceptable. */
export function callbackRefusal(state: InteractionState, body: Record<string, any>, fileCount: number): Response | null {
  const type = Number(body.type);
  const data = body.data;

  if (!ALLOWED_RESPONSES[state.type]?.includes(type)) {
    return fromDiscordError(
      invalidFormBody([
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Interaction response type ${type} is not valid for interaction type ${state.type}`,
        },
      ]),
    );
  }
  if ((type === 6 || type === 7) && !state.original) return error(400, 50035, 'Invalid Form Body');
  let problems: FieldProblem[] = [];
  if (type === 4 || type === 7) problems = messageProblems(data, ['data']);
  if (type === 8) problems = autocompleteProblems(data);
  if (type === 9) problems = modalProblems(data);
  if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
  if (type === 4 && isEmptyMessage(data, fileCount)) return fromDiscordError(emptyMessage());

  return null;
}

export function interactionHandle(state: InteractionState, waitUntil: WaitUntil): InteractionHandle {
  let cursor = 0;
  const originalEdits = () => state.events.filter((event) => event.messageId === '@original' && event.method === 'PATCH');
  const handle: InteractionHandle = {
    id: state.id,
    token: state.token,
    payload: state.payload,
    callback: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitUntil(() => state.callback ?? undefined, timeoutMs, `the callback for interaction ${state.id} (${describeInteraction(state)})`),
    nextMessage: async (timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const event = await waitUntil(
        () => state.events[cursor],
        timeoutMs,
        `an edit or follow-up for interaction ${state.id} (${describeInteraction(state)})`,
      );
      cursor += 1;
      return event;
    },
    finalMessage: async (timeoutMs = DEFAULT_TIMEOUT_MS, settleMs = 150) => {
      const deadline = Date.now() + timeoutMs;
      const callback = await handle.callback(timeoutMs);
      if (callback.type === 5 || callback.type === 6) {
        await waitUntil(
          () => (originalEdits().length > 0 ? true : undefined),
          Math.max(1, deadline - Date.now()),
          `an edit of @original after the deferral of interaction ${state.id} (${describeInteraction(state)})`,
        );
      }
      let seen = originalEdits().length;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        const now = originalEdits().length;
        if (now === seen || Date.now() > deadline) break;
        seen = now;
      }
      const edits = originalEdits();
      return edits.length > 0 ? edits[edits.length - 1]!.body : callback.data;
    },
    originalMessage: () => state.original,
    delivered: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitUntil(() => (state.deliveredAt !== null ? true : undefined), timeoutMs, `interaction ${state.id} to reach a client`).then(
        () => {},
      ),
  };
  return handle;
}

export function describeInteraction(state: InteractionState): string {
  const kind = { 2: 'command', 3: 'component', 4: 'autocomplete', 5: 'modal submit' }[state.type] ?? `type ${state.type}`;
  const name = state.payload?.data?.name ?? state.payload?.data?.custom_id ?? '?';
  const delivered = state.deliveredAt === null ? 'not yet delivered to a client' : 'delivered';
  return `${kind} "${name}", ${delivered}, callback ${state.callback ? `type ${state.callback.type}` : 'none'}`;
}
