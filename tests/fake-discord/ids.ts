import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00.000Z) in milliseconds. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/**
 * A real-looking snowflake: timestamp, worker 1, process 0, a 12-bit increment.
 * discord.js derives `createdTimestamp` from these, so they must encode a sane time.
 */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** URL-safe random text (base64url alphabet only, so it never needs encoding in a path). */
export function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A token shaped like a real bot token: base64(user id) . timestamp part . hmac part. */
export function botToken(userId: string): string {
  return `${Buffer.from(userId).toString('base64url')}.${randomText(4)}.${randomText(27)}`;
}

/** An interaction token shaped like Discord's (long, base64url). */
export function interactionToken(interactionId: string): string {
  return `${Buffer.from(`interaction:${interactionId}`).toString('base64url')}${randomText(96)}`;
}

/**
 * The shard that receives a guild's events, as Discord routes them: `(guild_id >> 22) % shard_count`.
 * Anything that is not a snowflake (a test's made-up id) counts as shard 0.
 */
export function shardOf(guildId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shardCount must be a positive integer, got ${shardCount}`);
  if (!/^\d{1,20}$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
