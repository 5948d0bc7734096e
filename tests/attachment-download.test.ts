import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttachment } from '../src/curation/download.ts';

/**
 * An uploaded file is read only up to its limit, whatever its headers say, and a refusal names the limit that
 * applies to it (a saved page's is not a report's).
 */

let server: http.Server;
let base = '';
let streamedTo = 0;
/** The test server is on loopback, which only an allowed host may reach. */
let local: { allowHosts: string[] } = { allowHosts: [] };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/small') return response.end('A short report.\n\nIts second paragraph.');
    if (request.url === '/declared-huge') {
      response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      return response.end();
    }
    if (request.url === '/missing') {
      response.writeHead(404);
      return response.end();
    }
    // No length declared: a body that never ends unless the reader stops.
    response.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const timer = setInterval(() => {
      streamedTo += chunk.length;
      response.write(chunk);
    }, 1);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  local = { allowHosts: [new URL(base).host] };
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('downloading an attachment', () => {
  it('returns the bytes of a file within its limit', async () => {
    expect((await downloadAttachment(`${base}/small`, 1024, local)).toString()).toContain('second paragraph');
  });

  it('refuses a declared size over the limit before reading, naming that limit', async () => {
    await expect(downloadAttachment(`${base}/declared-huge`, 5 * 1024 * 1024, local)).rejects.toThrow(
      /52428800 bytes; this file may be at most 5242880 bytes \(5 MB\)/,
    );
  });

  it('stops reading an undeclared body as soon as it passes the limit', async () => {
    await expect(downloadAttachment(`${base}/endless`, 1024 * 1024, local)).rejects.toThrow(
      /over 1048576 bytes; this file may be at most .*\(1 MB\)/,
    );
    const streamedWhenRefused = streamedTo;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The connection was closed: the server stopped sending soon after.
    expect(streamedTo - streamedWhenRefused).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses an attachment address that is not public, as it refuses a link', async () => {
    await expect(downloadAttachment(`${base}/small`, 1024)).rejects.toThrow(/127\.0\.0\.1 is not a public address/);
    await expect(downloadAttachment('http://169.254.169.254/latest/meta-data/', 1024)).rejects.toThrow(/not a public address/);
    await expect(downloadAttachment('file:///etc/passwd', 1024)).rejects.toThrow(/only http and https/i);
  });

  it('says the file could not be downloaded when the server refuses it', async () => {
    await expect(downloadAttachment(`${base}/missing`, 1024, local)).rejects.toThrow(/could not be downloaded: .*HTTP 404/);
  });
});
