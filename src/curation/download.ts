import { fetchPage, FetchRefusedError, FetchTooLargeError } from '../fetch/fetch-page.ts';
import { CurationError } from '../kb/writer.ts';

/**
 * Fetches an uploaded attachment as a linked page is fetched (src/fetch/: public addresses only, on every redirect,
 * a time limit), of any content type, refusing it as soon as it passes the size limit, whatever its headers claim.
 * An attachment's address comes from the interaction, so it is as untrusted as a link a moderator types.
 */
export async function downloadAttachment(
  url: string,
  maxBytes: number,
  options: { allowHosts?: readonly string[]; timeoutMs?: number } = {},
): Promise<Buffer> {
  const limit = `this file may be at most ${maxBytes} bytes (${maxBytes / 1024 / 1024} MB)`;
  try {
    const fetched = await fetchPage(url, {
      allowHosts: options.allowHosts ?? [],
      anyContentType: true,
      limits: { maxBytes, totalMs: options.timeoutMs ?? 15_000 },
    });
    return fetched.bytes;
  } catch (error) {
    if (error instanceof FetchTooLargeError)
      throw new CurationError(
        error.declaredBytes === null
          ? `The file is over ${maxBytes} bytes; ${limit}.`
          : `The file is ${error.declaredBytes} bytes; ${limit}.`,
      );
    if (error instanceof FetchRefusedError) {
      const reason = error.message.charAt(0).toLowerCase() + error.message.slice(1);
      throw new CurationError(`The attachment could not be downloaded: ${reason}`);
    }
    throw new CurationError(`The attachment could not be downloaded (${(error as Error).message}).`);
  }
}
