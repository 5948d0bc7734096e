import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves test files over HTTP on 127.0.0.1, as Discord's CDN serves attachments. */
export interface FileServer {
  url(name: string): string;
  put(name: string, body: Buffer | string): string;
  /** Names requested so far. */
  readonly requested: string[];
  stop(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, Buffer>();
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    requested.push(name);
    const body = files.get(name);
    if (!body) return void response.writeHead(404).end();
    response
      .writeHead(200, {
        'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream',
        'content-length': String(body.length),
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = (name: string) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    url,
    put(name, body) {
      files.set(name, Buffer.isBuffer(body) ? body : Buffer.from(body));
      return url(name);
    },
    requested,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
