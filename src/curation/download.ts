import { CurationError } from '../kb/writer.ts';

/** Fetches an uploaded attachment, refusing it as soon as it passes the size limit, whatever its headers claim. */
export async function downloadAttachment(url: string, maxBytes: number, timeoutMs = 15_000): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new CurationError(`The attachment could not be downloaded (${(error as Error).message}).`);
  }
  if (!response.ok || !response.body) throw new CurationError(`The attachment could not be downloaded (HTTP ${response.status}).`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  const limit = `this file may be at most ${maxBytes} bytes (${maxBytes / 1024 / 1024} MB)`;
  if (declared > maxBytes) {
    await response.body.cancel();
    throw new CurationError(`The file is ${declared} bytes; ${limit}.`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    received += chunk.length;
    // Leaving the loop by throwing cancels the rest of the body.
    if (received > maxBytes) throw new CurationError(`The file is over ${maxBytes} bytes; ${limit}.`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
