import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Discord signs every HTTP interaction with the application's Ed25519 key: the signature (hex, header
 * X-Signature-Ed25519) covers the timestamp header followed by the raw body. node:crypto checks it.
 */

export const SIGNATURE_HEADER = 'x-signature-ed25519';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

/** The Developer Portal's "Public Key": 32 bytes as 64 hex digits. Throws on anything else. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new Error('DISCORD_PUBLIC_KEY must be 64 hex digits (Developer Portal → General Information → Public Key)');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

export function isSignedByDiscord(key: KeyObject, signatureHex: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
}
