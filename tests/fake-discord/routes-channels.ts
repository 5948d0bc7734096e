import { memberObject, type FakeMember } from './fixtures.ts';
import { error, fromDiscordError, noContent, ok, type Message, type MessageParts, type Response, type RouteTable } from './rest.ts';
import { emptyMessage, invalidFormBody, isEmptyMessage, messageProblems } from './validate.ts';

/** REST routes of channels and their messages (send, edit, delete, react), and the guild reads. */

export interface ChannelHost extends MessageParts {
  guildId: string;
  botUser: { id: string; username: string };
  channels: Map<string, any>;
  members: Map<string, FakeMember>;
  messagesIn(channelId: string): Message[];
  findMessage(channelId: string, messageId: string): Message | undefined;
  attachReference(message: Message, channelId: string, referencedId: string): boolean;
  guildObject(): Record<string, unknown>;
  guildChannels(): Array<Record<string, any>>;
  guildRoles(): Array<Record<string, unknown>>;
}

export function channelRoutes(table: RouteTable, host: ChannelHost): void {
  const add = table.add.bind(table);
  const bot = () => host.bot();
  // Channels and messages.
  const channelOr404 = (id: string) => host.channels.get(id);
  add('GET', 'channels/:id', true, ({ id }) => {
    const channel = channelOr404(id!);
    return channel ? ok(channel) : error(404, 10003, 'Unknown Channel');
  });
  add('POST', 'channels/:id/typing', true, ({ id }) => (channelOr404(id!) ? noContent() : error(404, 10003, 'Unknown Channel')));
  add('GET', 'channels/:id/messages', true, ({ id }, _request, _files, url) => {
    if (!channelOr404(id!)) return error(404, 10003, 'Unknown Channel');
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50) || 50);
    return ok(host.messagesIn(id!).reverse().slice(0, limit));
  });
  add('POST', 'channels/:id/messages', true, ({ id }, request, files) => {
    if (!channelOr404(id!)) return error(404, 10003, 'Unknown Channel');
    const problems = messageProblems(request.body);
    if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
    if (isEmptyMessage(request.body, files.length)) return fromDiscordError(emptyMessage());
    const message = host.buildMessage(id!, bot(), request.body, files);
    message.flags = Number(request.body?.flags ?? 0) & ((1 << 2) | (1 << 12) | (1 << 15));
    const reference = request.body?.message_reference;
    if (reference?.message_id) {
      const found = host.attachReference(message, id!, String(reference.message_id));
      if (!found && reference.fail_if_not_exists !== false) {
        return fromDiscordError(
          invalidFormBody([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]),
        );
      }
      const repliedTo = message.referenced_message?.author;
      // Without allowed_mentions a reply pings its author; with it, only if replied_user is true.
      const pingReplied = !request.body?.allowed_mentions || request.body.allowed_mentions.replied_user === true;
      if (repliedTo && pingReplied && !message.mentions.some((user: any) => user.id === repliedTo.id)) message.mentions.push(repliedTo);
    }
    host.storeMessage(message);
    host.echo('MESSAGE_CREATE', message);
    return ok(message);
  });
  add('GET', 'channels/:id/messages/:messageId', true, ({ id, messageId }) => {
    const message = host.findMessage(id!, messageId!);
    return message ? ok(message) : error(404, 10008, 'Unknown Message');
  });
  add('PATCH', 'channels/:id/messages/:messageId', true, ({ id, messageId }, request, files) => {
    const message = host.findMessage(id!, messageId!);
    if (!message) return error(404, 10008, 'Unknown Message');
    if (message.author?.id !== host.botUser.id) return error(403, 50005, 'Cannot edit a message authored by another user');
    const problems = messageProblems(request.body);
    if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
    host.applyEdit(message, request.body ?? {}, files);
    host.echo('MESSAGE_UPDATE', message);
    return ok(message);
  });
  add('DELETE', 'channels/:id/messages/:messageId', true, ({ id, messageId }) => {
    const message = host.findMessage(id!, messageId!);
    if (!message) return error(404, 10008, 'Unknown Message');
    host.messages.get(id!)?.delete(messageId!);
    host.echo('MESSAGE_DELETE', message);
    return noContent();
  });
  for (const method of ['PUT', 'DELETE']) {
    add(method, 'channels/:id/messages/:messageId/reactions/:emoji/@me', true, ({ id, messageId }) =>
      host.findMessage(id!, messageId!) ? noContent() : error(404, 10008, 'Unknown Message'),
    );
  }

  // Guild reads.
  const guildOr404 = (id: string): Response | undefined => (id === host.guildId ? undefined : error(404, 10004, 'Unknown Guild'));
  add('GET', 'guilds/:guildId', true, ({ guildId }, _request, _files, url) => {
    const missing = guildOr404(guildId!);
    if (missing) return missing;
    const counts =
      url.searchParams.get('with_counts') === 'true' ? { approximate_member_count: host.members.size, approximate_presence_count: 0 } : {};
    return ok({ ...host.guildObject(), ...counts });
  });
  add('GET', 'guilds/:guildId/channels', true, ({ guildId }) => guildOr404(guildId!) ?? ok(host.guildChannels()));
  add('GET', 'guilds/:guildId/roles', true, ({ guildId }) => guildOr404(guildId!) ?? ok(host.guildRoles()));
  add('GET', 'guilds/:guildId/members', true, ({ guildId }) => guildOr404(guildId!) ?? ok([...host.members.values()].map(memberObject)));
  add('GET', 'guilds/:guildId/members/:userId', true, ({ guildId, userId }) => {
    const missing = guildOr404(guildId!);
    if (missing) return missing;
    const member = host.members.get(userId === '@me' ? host.botUser.id : userId!);
    return member ? ok(memberObject(member)) : error(404, 10007, 'Unknown Member');
  });
}
