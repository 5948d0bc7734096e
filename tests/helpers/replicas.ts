import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { FakeDiscord } from '../fake-discord/index.ts';
import { signInteraction } from '../fake-discord/http-interactions.ts';
import { startProcess, type StartedProcess } from './process.ts';

/** HTTP-interaction replicas of the bot as real processes, and the key pair Discord would sign their requests with. */

export interface SigningKeys {
  privateKey: KeyObject;
  /** The public key as the Developer Portal shows it: 64 hex digits. */
  publicKeyHex: string;
}

export function signingKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyHex: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex') };
}

export interface Replica {
  process: StartedProcess;
  /** Its POST /interactions URL. */
  endpoint: string;
}

/** `npm start` with DISCORD_GATEWAY=off on a free port, sharing DATABASE_URL; resolves once it is serving. */
export async function startReplica(
  fake: FakeDiscord,
  keys: SigningKeys,
  env: { DATABASE_URL: string; KNOWLEDGE_DIR: string; DISCORD_API_BASE?: string; FETCH_ALLOW_HOSTS?: string },
): Promise<Replica> {
  const started = startProcess('src/main.ts', {
    DISCORD_GATEWAY: 'off',
    INTERACTIONS_PORT: '0',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_BASE: fake.apiBase,
    MODERATOR_ROLE_IDS: fake.moderatorRoleId,
    LOG_LEVEL: 'info',
    ...env,
  });
  const [, port] = await started.waitFor(/Serving HTTP interactions on port (\d+)/);
  await started.waitFor(/HTTP interactions only/, 60_000);
  return { process: started, endpoint: `http://127.0.0.1:${port}/interactions` };
}

let directId = 0;

/** /kb status sent straight to one replica, bypassing the rotation, as a health check would: the revision it names. */
export async function revisionOf(fake: FakeDiscord, keys: SigningKeys, endpoint: string): Promise<string> {
  const id = String(7_000_000_000_000_000 + process.pid * 1000 + ++directId);
  const payload = {
    id,
    application_id: fake.applicationId,
    type: 2,
    token: `direct-${id}`,
    guild_id: fake.guildId,
    member: { user: { id: '400000000000000001', username: 'moderator' }, roles: [fake.moderatorRoleId], permissions: '0' },
    data: { name: 'kb', options: [{ name: 'status', type: 1, options: [] }] },
  };
  const signed = signInteraction(keys.privateKey, JSON.stringify(payload));
  const response = await fetch(endpoint, { method: 'POST', headers: signed.headers, body: signed.body });
  const body = (await response.json()) as { data: { embeds: Array<{ fields: Array<{ name: string; value: string }> }> } };
  return body.data.embeds[0]!.fields.find((field) => field.name === 'Revision')?.value ?? 'none';
}
