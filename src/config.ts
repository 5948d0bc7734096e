import { z } from 'zod';

/**
 * The only reader of process.env. Every variable crosses this schema once; a missing or malformed one is reported
 * in one line that names it, and the token's value never appears in any message.
 */

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15–21 digits)');
/** A comma-separated list, each item checked by `item`. */
const commaList = (item: z.ZodString) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
const snowflakeList = commaList(snowflake);

export const ConfigSchema = z
  .object({
    DISCORD_TOKEN: z.string().min(20, 'looks too short to be a bot token').optional(),
    DISCORD_APPLICATION_ID: snowflake.optional(),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_BASE: z.url().default('https://discord.com/api'),
    MODERATOR_ROLE_IDS: snowflakeList.default([]),
    MODERATOR_USER_IDS: snowflakeList.default([]),
    ANSWER_CHANNEL_IDS: snowflakeList.default([]),
    KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
    DATA_DIR: z.string().min(1).default('data'),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    /** Serve POST /interactions and GET /healthz on this port (0: any free port, for tests). */
    INTERACTIONS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    DISCORD_PUBLIC_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key (Developer Portal → General Information)')
      .optional(),
    /** off: no gateway connection (HTTP interactions only; mentions and answer channels need one gateway process). */
    DISCORD_GATEWAY: z.enum(['on', 'off']).default('on'),
    /** host or host:port that links may reach even when not public; empty by default, for tests. */
    FETCH_ALLOW_HOSTS: commaList(
      z.string().regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/, 'must be host or host:port entries, comma-separated'),
    ).default([]),
    /** postgres://…: curation records, knowledge revisions, cooldowns and the refresh signal shared by every replica. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// connection URL')
      .optional(),
  })
  .refine((config) => (config.INTERACTIONS_PORT === undefined) === (config.DISCORD_PUBLIC_KEY === undefined), {
    message: 'set both INTERACTIONS_PORT and DISCORD_PUBLIC_KEY to serve HTTP interactions, or neither',
    path: ['INTERACTIONS_PORT'],
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KNOWN = Object.keys(ConfigSchema.shape) as Array<keyof Config>;

/** Reads the known variables; an empty value (as copied from .env.example) counts as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const name of KNOWN) {
    const value = env[name]?.trim();
    if (value) raw[name] = value;
  }
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'configuration');
  throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}. See .env.example.`);
}

/** Loads .env (quietly: dotenv would otherwise print to stdout, which --json output must not carry). */
export async function loadConfig(): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return readConfig();
}
