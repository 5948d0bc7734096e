import { snowflake } from './ids.ts';
import { error, fromDiscordError, noContent, ok, type RegisteredCommand, type Response, type RouteTable } from './rest.ts';
import { invalidFormBody, type FieldProblem } from './validate.ts';

/** REST routes for gateway discovery, users and the application, and application commands (global and guild). */

export interface ApplicationHost {
  applicationId: string;
  guildId: string;
  ownerId: string;
  botUser: { id: string; username: string };
  shards: number;
  gatewayUrl(): string;
  users: Map<string, any>;
  channels: Map<string, any>;
  dmChannels: Map<string, string>;
  commands: Map<string, RegisteredCommand>;
  registeredCommands(guildId?: string): Array<Record<string, any>>;
}

export function applicationRoutes(table: RouteTable, host: ApplicationHost): void {
  const add = table.add.bind(table);
  const bot = () => host.users.get(host.botUser.id)!;
  // Gateway discovery.
  add('GET', 'gateway', false, () => ok({ url: host.gatewayUrl() }));
  add('GET', 'gateway/bot', true, () =>
    ok({
      url: host.gatewayUrl(),
      shards: host.shards,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    }),
  );

  // Users and the application.
  add('GET', 'users/@me', true, () => ok(bot()));
  add('PATCH', 'users/@me', true, () => ok(bot()));
  add('GET', 'users/:id', true, ({ id }) => {
    const user = host.users.get(id!);
    return user ? ok(user) : error(404, 10013, 'Unknown User');
  });
  add('POST', 'users/@me/channels', true, (_params, request) => {
    const recipient = host.users.get(String(request.body?.recipient_id));
    if (!recipient) return error(400, 50007, 'Cannot send messages to this user');
    let channelId = host.dmChannels.get(recipient.id);
    if (!channelId) {
      channelId = snowflake();
      host.dmChannels.set(recipient.id, channelId);
      host.channels.set(channelId, { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipient] });
    }
    return ok(host.channels.get(channelId));
  });
  const application = () => ({
    id: host.applicationId,
    name: host.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: host.users.get(host.ownerId),
    team: null,
    bot: bot(),
    approximate_guild_count: 1,
    install_params: null,
    integration_types_config: { '0': {} },
    tags: [],
  });
  add('GET', 'applications/@me', true, () => ok(application()));
  add('PATCH', 'applications/@me', true, () => ok(application()));
  add('GET', 'oauth2/applications/@me', true, () => ok(application()));

  // Application commands, global and guild.
  for (const scoped of [true, false]) {
    const base = scoped ? 'applications/:appId/guilds/:guildId/commands' : 'applications/:appId/commands';
    const scopeOf = (params: Record<string, string>): string | Response => {
      if (params.appId !== host.applicationId) return error(403, 50001, 'Missing Access');
      if (scoped && params.guildId !== host.guildId) return error(403, 50001, 'Missing Access');
      return scoped ? params.guildId! : 'global';
    };
    add('GET', base, true, (params) => {
      const scope = scopeOf(params);
      return typeof scope === 'string' ? ok(host.registeredCommands(scope === 'global' ? undefined : scope)) : scope;
    });
    add('PUT', base, true, (params, request) => {
      const scope = scopeOf(params);
      if (typeof scope !== 'string') return scope;
      if (!Array.isArray(request.body))
        return fromDiscordError(invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]));
      const problems = request.body.flatMap((command: any, index: number) => commandProblems(command, [index]));
      const keys = request.body.map((command: any) => `${command?.type ?? 1}:${command?.name}`);
      keys.forEach((key: string, index: number) => {
        if (keys.indexOf(key) !== index)
          problems.push({
            path: [index, 'name'],
            code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
            message: `Application command names must be unique`,
          });
      });
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      const previous = new Map([...host.commands.entries()].filter(([, command]) => command.scope === scope));
      for (const key of previous.keys()) host.commands.delete(key);
      const stored = request.body.map((command: any) => {
        const key = `${scope}:${command.type ?? 1}:${command.name}`;
        const body = commandObject(host.applicationId, command, scope, previous.get(key)?.body.id);
        host.commands.set(key, { scope, body });
        return body;
      });
      return ok(stored);
    });
    add('POST', base, true, (params, request) => {
      const scope = scopeOf(params);
      if (typeof scope !== 'string') return scope;
      const problems = commandProblems(request.body, []);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      const key = `${scope}:${request.body.type ?? 1}:${request.body.name}`;
      const existing = host.commands.get(key);
      const body = commandObject(host.applicationId, request.body, scope, existing?.body.id);
      host.commands.set(key, { scope, body });
      return { status: existing ? 200 : 201, body };
    });
    const byId = (scope: string, id: string) =>
      [...host.commands.entries()].find(([, command]) => command.scope === scope && command.body.id === id);
    add('GET', `${base}/:commandId`, true, (params) => {
      const scope = scopeOf(params);
      if (typeof scope !== 'string') return scope;
      const found = byId(scope, params.commandId!);
      return found ? ok(found[1].body) : error(404, 10063, 'Unknown application command');
    });
    add('PATCH', `${base}/:commandId`, true, (params, request) => {
      const scope = scopeOf(params);
      if (typeof scope !== 'string') return scope;
      const found = byId(scope, params.commandId!);
      if (!found) return error(404, 10063, 'Unknown application command');
      const merged = { ...found[1].body, ...request.body };
      const problems = commandProblems(merged, []);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      host.commands.delete(found[0]);
      const body = commandObject(host.applicationId, merged, scope, found[1].body.id);
      host.commands.set(`${scope}:${body.type}:${body.name}`, { scope, body });
      return ok(body);
    });
    add('DELETE', `${base}/:commandId`, true, (params) => {
      const scope = scopeOf(params);
      if (typeof scope !== 'string') return scope;
      const found = byId(scope, params.commandId!);
      if (!found) return error(404, 10063, 'Unknown application command');
      host.commands.delete(found[0]);
      return noContent();
    });
  }
}

export function commandObject(applicationId: string, command: any, scope: string, existingId: string | undefined): Record<string, any> {
  const type = command.type ?? 1;
  return {
    id: existingId ?? snowflake(),
    application_id: applicationId,
    version: snowflake(),
    default_member_permissions: command.default_member_permissions ?? null,
    type,
    name: command.name,
    name_localizations: command.name_localizations ?? null,
    description: type === 1 ? (command.description ?? '') : '',
    description_localizations: command.description_localizations ?? null,
    ...(Array.isArray(command.options) && command.options.length > 0 ? { options: command.options } : {}),
    dm_permission: command.dm_permission ?? true,
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? [0],
    nsfw: command.nsfw ?? false,
    ...(scope !== 'global' ? { guild_id: scope } : {}),
  };
}

export function commandProblems(command: any, at: Array<string | number>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!command || typeof command !== 'object')
    return [{ path: at, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }];
  const type = command.type ?? 1;
  const name = command.name;
  const chatName = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
  if (typeof name !== 'string' || name.length === 0)
    problems.push({ path: [...at, 'name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  else if (type === 1 && (!chatName.test(name) || name !== name.toLowerCase())) {
    problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  } else if ([...name].length > 32)
    problems.push({ path: [...at, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
  if (type === 1) {
    const length = typeof command.description === 'string' ? [...command.description].length : 0;
    if (length < 1 || length > 100)
      problems.push({ path: [...at, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  const visit = (options: unknown, path: Array<string | number>) => {
    if (options === undefined || options === null) return;
    if (!Array.isArray(options)) return;
    if (options.length > 25) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    let sawOptional = false;
    const names = new Set<string>();
    options.forEach((option: any, index) => {
      const here = [...path, index];
      if (typeof option?.name !== 'string' || !chatName.test(option.name) || option.name !== option.name.toLowerCase()) {
        problems.push({ path: [...here, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      } else if (names.has(option.name)) {
        problems.push({
          path: [...here, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      }
      if (typeof option?.name === 'string') names.add(option.name);
      const descriptionLength = typeof option?.description === 'string' ? [...option.description].length : 0;
      if (descriptionLength < 1 || descriptionLength > 100) {
        problems.push({ path: [...here, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
      }
      if (option?.type !== 1 && option?.type !== 2) {
        if (option?.required) {
          if (sawOptional)
            problems.push({
              path: [...here, 'required'],
              code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
              message: 'Required options must be placed before non-required options',
            });
        } else sawOptional = true;
      }
      if (Array.isArray(option?.choices)) {
        if (option.choices.length > 25)
          problems.push({ path: [...here, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
        if (option.autocomplete)
          problems.push({
            path: [...here, 'autocomplete'],
            code: 'AUTOCOMPLETE_CHOICES',
            message: 'Autocomplete and choices cannot both be set',
          });
      }
      visit(option?.options, [...here, 'options']);
    });
  };
  visit(command.options, [...at, 'options']);
  return problems;
}
