import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a shared REST proxy (nirn-proxy, twilight's http-proxy): every replica's DISCORD_API_BASE points
 * here, and it forwards each request to Discord (the fake) unchanged, answering with Discord's response, 429s
 * included. It records what passed through, so a test can see that every replica's REST traffic went one way.
 */
export interface RestProxy {
  apiBase: string;
  forwarded: Array<{ method: string; path: string; status: number }>;
  stop(): Promise<void>;
}

export async function startRestProxy(targetApiBase: string): Promise<RestProxy> {
  const target = new URL(targetApiBase);
  const forwarded: RestProxy['forwarded'] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
      ) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(new URL(request.url ?? '/', target.origin), { method: request.method, headers, body })
        .then(async (upstream) => {
          const bytes = Buffer.from(await upstream.arrayBuffer());
          forwarded.push({ method: request.method ?? 'GET', path: request.url ?? '/', status: upstream.status });
          const passed: Record<string, string> = {};
          upstream.headers.forEach((value, name) => {
            if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(name)) passed[name] = value;
          });
          response.writeHead(upstream.status, { ...passed, 'content-length': String(bytes.length) }).end(bytes);
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${target.pathname}`,
    forwarded,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
