import { Routes, type APIInteractionResponse, type REST } from 'discord.js';
import type { ModalSpec } from '../curation/qa-modal.ts';
import type { ReplyPayload } from './command.ts';
import { EPHEMERAL, toMessageData } from './reply-payload.ts';

/**
 * Every answer to one interaction, whichever way it came. The first response goes through the transport (a REST
 * callback for the gateway, the HTTP response body for HTTP interactions); everything after it (filling a deferred
 * reply, follow-ups, later edits) goes to the interaction's webhook, the same for both. Calls run one after
 * another, so a reply racing a deferral still lands as the deferral's edit.
 */

export interface InteractionTransport {
  respond(response: APIInteractionResponse): Promise<void>;
}

export const ResponseType = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

export interface InteractionIdentity {
  applicationId: string;
  token: string;
}

export class InteractionReplies {
  private state: 'new' | 'deferred' | 'responded' = 'new';
  /** A deferred reply has been filled; what follows is a follow-up. */
  private filledDeferral = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly identity: InteractionIdentity,
    private readonly transport: InteractionTransport,
    private readonly rest: REST,
  ) {}

  get acknowledged(): boolean {
    return this.state !== 'new';
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async first(response: APIInteractionResponse, next: 'deferred' | 'responded'): Promise<void> {
    this.state = next;
    await this.transport.respond(response);
  }

  private editOriginalNow(payload: ReplyPayload): Promise<unknown> {
    const { flags: _ephemeralIsFixedOnceSent, ...body } = toMessageData(payload);
    return this.rest.patch(Routes.webhookMessage(this.identity.applicationId, this.identity.token, '@original'), { body, auth: false });
  }

  /** Acknowledge now, answer later. */
  defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'new') return;
      await this.first({ type: ResponseType.DeferredMessage, data: options.ephemeral ? { flags: EPHEMERAL } : {} }, 'deferred');
    });
  }

  /** Acknowledge a button press, to edit its message later. */
  deferUpdate(): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'new') return;
      this.filledDeferral = true;
      await this.first({ type: ResponseType.DeferredUpdate }, 'deferred');
    });
  }

  /** The first answer is the reply (or fills the deferred one); later ones are follow-ups. */
  reply(payload: ReplyPayload): Promise<void> {
    return this.serial(async () => {
      if (this.state === 'new') return this.first({ type: ResponseType.Message, data: toMessageData(payload) }, 'responded');
      if (this.state === 'deferred' && !this.filledDeferral) {
        this.filledDeferral = true;
        await this.editOriginalNow(payload);
        return;
      }
      await this.rest.post(Routes.webhook(this.identity.applicationId, this.identity.token), { body: toMessageData(payload), auth: false });
    });
  }

  /** Replaces the message a button belongs to (or the reply already sent). */
  update(payload: ReplyPayload): Promise<void> {
    return this.serial(async () => {
      if (this.state === 'new') {
        const { flags: _ephemeralIsFixedOnceSent, ...data } = toMessageData(payload);
        return this.first({ type: ResponseType.UpdateMessage, data }, 'responded');
      }
      await this.editOriginalNow(payload);
    });
  }

  /** Edits the original message; usable after this interaction has been answered, within the token's 15 minutes. */
  editOriginal(payload: ReplyPayload): Promise<void> {
    return this.serial(async () => {
      await this.editOriginalNow(payload);
    });
  }

  showModal(modal: ModalSpec): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'new') throw new Error('A form can only be the first response to an interaction');
      await this.first({ type: ResponseType.Modal, data: modalData(modal) }, 'responded');
    });
  }

  autocomplete(choices: Array<{ name: string; value: string }>): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'new') return;
      await this.first({ type: ResponseType.AutocompleteResult, data: { choices } }, 'responded');
    });
  }
}

const TextInputStyle = { short: 1, paragraph: 2 } as const;

function modalData(modal: ModalSpec) {
  return {
    custom_id: modal.customId,
    title: modal.title,
    components: modal.fields.map((field) => ({
      type: 1 as const,
      components: [
        {
          type: 4 as const,
          custom_id: field.id,
          label: field.label,
          style: TextInputStyle[field.style],
          required: field.required,
          max_length: field.maxLength,
          ...(field.value ? { value: field.value } : {}),
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        },
      ],
    })),
  };
}
