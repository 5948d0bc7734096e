import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreSavedPages } from '../src/eval/extraction-eval.ts';
import { fetchPage, FetchRefusedError } from '../src/fetch/fetch-page.ts';
import { copyKnowledge, snapshotFolder } from './helpers/knowledge.ts';
import { runScript } from './helpers/run.ts';

/**
 * Reports as moderators find them: links fetched safely from a local server (real sockets), saved pages turned into
 * reports, and hostile links refused with one clear reason, nothing written.
 */

const PAGES = path.join(import.meta.dirname, 'fixtures', 'pages');
const page = (file: string) => readFileSync(path.join(PAGES, file));
const NO_ARTICLE =
  '<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><footer>© 2024</footer></body></html>';

let server: http.Server;
let other: http.Server;
let base: string;
let otherBase: string;

function listen(handler: http.RequestListener): Promise<{ server: http.Server; base: string }> {
  const created = http.createServer(handler);
  return new Promise((resolve) =>
    created.listen(0, '127.0.0.1', () => resolve({ server: created, base: `http://127.0.0.1:${(created.address() as AddressInfo).port}` })),
  );
}

beforeAll(async () => {
  ({ server: other, base: otherBase } = await listen((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end(page('aljazeera-afghan-helicopter.html')),
  ));
  ({ server, base } = await listen((request, response) => {
    const route = request.url ?? '/';
    if (route === '/article')
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('aljazeera-afghan-helicopter.html'));
    if (route === '/empty') return response.writeHead(200, { 'content-type': 'text/html' }).end(NO_ARTICLE);
    if (route === '/pdf') return response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    if (route === '/huge')
      return response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) }).end();
    if (route === '/endless') {
      // No length stated: refused once more than the limit has arrived.
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = () => {
        while (response.write(chunk));
        response.once('drain', write);
      };
      write();
      request.on('close', () => response.destroy());
      return;
    }
    if (route === '/trickle') {
      response.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => response.write('a'), 1000);
      request.on('close', () => clearInterval(timer));
      return;
    }
    if (route === '/to-private') return response.writeHead(302, { location: `${otherBase}/secret` }).end();
    if (route.startsWith('/loop')) return response.writeHead(302, { location: `/loop${route.length}` }).end();
    if (route === '/title')
      return response.writeHead(200, { 'content-type': 'text/html' }).end(
        `<html><head><title>${'<b>x</b>'.repeat(5000)}</title></head><body>${page('aljazeera-afghan-helicopter.html')
          .toString()
          .replace(/^[\s\S]*?<body[^>]*>/i, '')}`,
      );
    response.writeHead(404).end();
  }));
});

afterAll(() => {
  server?.closeAllConnections();
  server?.close();
  other?.close();
});

const allowed = () => [new URL(base).host];
const refusal = (link: string, limits?: { totalMs?: number }) =>
  fetchPage(link, { allowHosts: allowed(), limits }).then(
    () => 'fetched',
    (error: unknown) => (error instanceof FetchRefusedError ? error.message : `unexpected: ${String(error)}`),
  );

describe('fetching a link', () => {
  it('fetches a page from an allowed host, naming Dossier as the client', async () => {
    const fetched = await fetchPage(`${base}/article`, { allowHosts: allowed() });
    expect(fetched.contentType).toBe('text/html');
    expect(fetched.bytes.length).toBeGreaterThan(10_000);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:9/', /127\.0\.0\.1 is not a public address/],
    ['a private network', 'http://10.0.0.1/', /10\.0\.0\.1 is not a public address/],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address/],
    ['IPv6 loopback', 'http://[::1]:9/', /::1 is not a public address/],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]:9/', /not a public address/],
    ['a name that resolves to a private address', 'http://localhost:9/', /localhost resolves to .+, which is not a public address/],
    ['another scheme', 'ftp://example.org/report.txt', /Only http and https/],
    ['a link with credentials', 'http://user:pass@example.org/', /user name or password/],
  ])('refuses %s', async (_case, link, reason) => {
    expect(await refusal(link)).toMatch(reason);
  });

  it('refuses a redirect to an address it may not reach, checking every hop', async () => {
    expect(await refusal(`${base}/to-private`)).toMatch(/not a public address/);
  });

  it('refuses more than five redirects', async () => {
    expect(await refusal(`${base}/loop`)).toMatch(/redirected more than 5 times/);
  });

  it('refuses a 50 MB page, an endless one, one that trickles, and a PDF', async () => {
    expect(await refusal(`${base}/huge`)).toMatch(/50 MB; pages may be at most 5 MB/);
    expect(await refusal(`${base}/endless`)).toMatch(/over 5 MB/);
    expect(await refusal(`${base}/trickle`, { totalMs: 1_500 })).toMatch(/not fully received|too long/);
    expect(await refusal(`${base}/pdf`)).toMatch(/application\/pdf, not a web page/);
  });
});

describe('npm run -s kb:add', () => {
  const knowledge = copyKnowledge();
  afterAll(() => knowledge.cleanup());
  const add = (...args: string[]) =>
    runScript('src/cli/kb-add.ts', ['--knowledge', knowledge.dir, '--json', ...args], { env: { FETCH_ALLOW_HOSTS: new URL(base).host } });

  it('adds the article at a link, with the metadata the page states, and answers from it', async () => {
    const result = await add(`${base}/article`);
    expect(result.code).toBe(0);
    const added = JSON.parse(result.stdout);
    expect(added).toMatchObject({ added: true, outlet: 'Al Jazeera' });
    expect(added.paragraphs).toBeGreaterThan(8);
    expect(added.url).toMatch(/^https:\/\/www\.aljazeera\.com\//);
    const asked = await runScript('src/cli/ask.ts', [
      '--knowledge',
      knowledge.dir,
      '--json',
      'how many us service members were killed in the helicopter crash?',
    ]);
    const answer = JSON.parse(asked.stdout);
    expect(answer.citations[0]?.sourceId).toBe(added.file);
    expect(answer.citations[0]?.quote).toContain('Two United States service members have been killed');
  }, 60_000);

  it('refuses the same article again as a saved page, though its bytes differ', async () => {
    const before = snapshotFolder(knowledge.dir);
    const saved = path.join(knowledge.dir, '..', `${path.basename(knowledge.dir)}-saved.html`);
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(saved, `<!-- saved by a browser -->\n${page('aljazeera-afghan-helicopter.html').toString()}`);
    try {
      const result = await add(saved);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).reason).toMatch(/already in the knowledge base/);
      expect(snapshotFolder(knowledge.dir)).toEqual(before);
    } finally {
      rmSync(saved, { force: true });
    }
  }, 60_000);

  it.each([
    ['a page with no article', '/empty', /no article could be found|too little article text/],
    ['a PDF', '/pdf', /not a web page/],
    ['the metadata address', 'http://169.254.169.254/', /not a public address/],
  ])(
    'refuses %s with its reason, writing nothing',
    async (_case, target, reason) => {
      const before = snapshotFolder(knowledge.dir);
      const result = await add(target.startsWith('/') ? `${base}${target}` : target);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).reason).toMatch(reason);
      expect(snapshotFolder(knowledge.dir)).toEqual(before);
    },
    60_000,
  );

  it('keeps a title of 5,000 characters of markup to a sane, plain title', async () => {
    const fresh = copyKnowledge();
    try {
      const result = await runScript('src/cli/kb-add.ts', ['--knowledge', fresh.dir, '--json', `${base}/title`], {
        env: { FETCH_ALLOW_HOSTS: new URL(base).host },
      });
      expect(result.code).toBe(0);
      const added = JSON.parse(result.stdout);
      expect(added.title.length).toBeLessThanOrEqual(300);
      expect(added.title).not.toContain('<');
    } finally {
      fresh.cleanup();
    }
  }, 60_000);
});

describe('saved pages from ten outlets', () => {
  it('recover the article and little else', () => {
    const scores = scoreSavedPages(PAGES);
    expect(new Set(scores.map((score) => score.outlet)).size).toBeGreaterThanOrEqual(8);
    for (const score of scores) {
      expect(score.recovered, score.file).toBeGreaterThanOrEqual(0.85);
      expect(score.notArticle, score.file).toBeLessThanOrEqual(0.2);
    }
    const mean = scores.reduce((sum, score) => sum + score.recovered, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });
});
