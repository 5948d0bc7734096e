import { sign, type KeyObject } from 'node:crypto';

/**
 * How Discord delivers an interaction to an application that set an Interactions Endpoint URL: a POST of the JSON
 * payload, signed with the application's Ed25519 key over timestamp + body, whose HTTP response is the interaction's
 * first response. The fake's endpoints take turns, the way a load balancer spreads requests over replicas.
 */

export interface HttpDelivery {
  endpoints: string[];
  privateKey: KeyObject;
  next: number;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signs a body as Discord does; `timestamp` defaults to now (seconds). */
export function signInteraction(privateKey: KeyObject, body: string, timestamp = Math.floor(Date.now() / 1000)): SignedRequest {
  const stamp = String(timestamp);
  const signature = sign(null, Buffer.from(stamp + body), privateKey).toString('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': stamp } };
}

export async function postInteraction(
  delivery: HttpDelivery,
  payload: unknown,
): Promise<{ endpoint: string; status: number; body: unknown }> {
  const endpoint = delivery.endpoints[delivery.next % delivery.endpoints.length]!;
  delivery.next += 1;
  const request = signInteraction(delivery.privateKey, JSON.stringify(payload));
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: the test that reads it says what came back.
  }
  return { endpoint, status: response.status, body };
}
