import path from 'node:path';
import { buildKnowledgeBase, type KnowledgeInput } from './build.ts';
import { cleanReport } from './clean.ts';
import { describeProblem, KnowledgeBuildError } from './errors.ts';
import { decodeReport, sha256 } from './ingest.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { KnowledgeRepository } from './knowledge-repository.ts';
import { extractArticle } from './html-article.ts';
import { SOURCE_EXTENSIONS } from './read-folder.ts';
import { comparableText, slugOf } from './text.ts';
import { CatalogEntrySchema, QaEntrySchema, type CatalogEntry, type QaEntry } from './schemas.ts';

/**
 * Changes to the knowledge made by moderators from Discord. Every change is first built in memory with the rest of
 * the knowledge, so nothing that would fail the build is ever written; the repository (a folder, or PostgreSQL
 * revisions) then applies it, one change at a time.
 */

/** The upload limit for a report added from Discord. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export class CurationError extends Error {
  override name = 'CurationError';
}

export interface SourceUpload {
  /** The attachment's own name: only its extension is used, never as a path. */
  originalName: string;
  bytes: Buffer;
  metadata: CatalogEntry;
  /** Where a fetched page came from, for resolving its links; absent for an attachment. */
  pageUrl?: string;
}

/** A saved web page may be this large; the article extracted from it is stored, not the page. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const PAGE_EXTENSIONS = ['.html', '.htm'];

/** The charset a page declares in its first kilobytes, when it is not UTF-8. */
function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

function decodePage(bytes: Buffer): string {
  const charset = declaredCharset(bytes);
  try {
    return new TextDecoder(charset && charset !== 'utf-8' && charset !== 'utf8' ? charset : 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CurationError('The page is not text in the encoding it declares; save it again as a web page (HTML only).');
  }
}

/** "Port strike ends | Harbour Times" → "Port strike ends", when the outlet is stated apart. */
function titleWithoutOutlet(title: string, outlet: string | null): string {
  if (!outlet) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ']) {
    if (title.toLowerCase().endsWith(`${separator}${outlet}`.toLowerCase()))
      return title.slice(0, -(separator.length + outlet.length)).trim();
  }
  return title;
}

/**
 * A saved page or fetched link becomes the article it holds, as a plain report. What the moderator typed wins over
 * what the page states; what neither says stays empty.
 */
export function pageAsReport(upload: SourceUpload): SourceUpload {
  if (upload.bytes.length > MAX_PAGE_BYTES)
    throw new CurationError(`The page is ${upload.bytes.length} bytes; pages may be at most ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  const article = extractArticle(decodePage(upload.bytes), upload.pageUrl);
  if ('reason' in article) throw new CurationError(`The page was refused: ${article.reason}.`);
  const title = titleWithoutOutlet(article.title, article.outlet);
  const stated = { title, outlet: article.outlet, url: article.url ?? upload.pageUrl ?? null, published: article.published };
  const typed = Object.fromEntries(
    Object.entries(upload.metadata).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
  const text = article.outlet ? article.text.replace(/^.*\n/, `${title} | ${article.outlet}\n`) : article.text;
  return { originalName: 'page.txt', bytes: Buffer.from(text), metadata: { ...stated, ...typed } };
}

/** Another report with the same article text, whatever its bytes: the same article saved twice is one report. */
function textTwin(kb: KnowledgeBase, file: string): string | null {
  const textOf = (id: string) =>
    comparableText(
      kb
        .passagesOf(id)
        .map((passage) => passage.text)
        .join(' '),
    );
  const mine = textOf(file);
  if (mine.length === 0) return null;
  return kb.sources.find((source) => source.id !== file && textOf(source.id) === mine)?.id ?? null;
}

export interface NewQa {
  question: string;
  alternatives: string[];
  answer: string;
  source: string;
  quote: string;
}

function firstProblems(error: unknown): string {
  if (error instanceof KnowledgeBuildError) return error.problems.slice(0, 5).map(describeProblem).join('; ');
  return (error as Error).message;
}

export class KnowledgeWriter {
  constructor(readonly repository: KnowledgeRepository) {}

  /** The knowledge as it would be after the change, built in memory. */
  private candidate(input: KnowledgeInput, change: (input: KnowledgeInput) => void): KnowledgeBase {
    change(input);
    try {
      return buildKnowledgeBase(input);
    } catch (error) {
      throw new CurationError(`The knowledge would not build with this change, so nothing was written: ${firstProblems(error)}`);
    }
  }

  /** A knowledge file's bytes as JSON; a broken file refuses the change. */
  private parseJson<T>(file: string, bytes: Buffer | null, fallback: T): T {
    if (!bytes) return fallback;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch (error) {
      throw new CurationError(`${file} could not be read: ${(error as Error).message}`);
    }
  }

  /** Checks an uploaded report before anything is written; returns its safe file name. */
  private checkUpload(upload: SourceUpload, existing: KnowledgeInput['sources']): { file: string; metadata: CatalogEntry } {
    // Discord sends plain file names; anything path-like or with control characters is a forged upload.
    if (/[\\/\u0000-\u001f]|\.\./.test(upload.originalName)) {
      throw new CurationError(`"${upload.originalName.slice(0, 80)}" is not a plain file name; the upload was refused.`);
    }
    const extension = path.extname(upload.originalName).toLowerCase();
    if (!SOURCE_EXTENSIONS.includes(extension))
      throw new CurationError(`Only .txt and .md reports and .html pages can be added (got "${extension || 'no extension'}").`);
    if (upload.bytes.length > MAX_UPLOAD_BYTES)
      throw new CurationError(`The file is ${upload.bytes.length} bytes; reports may be at most ${MAX_UPLOAD_BYTES} bytes (1 MB).`);
    const decoded = decodeReport(upload.bytes);
    if ('reason' in decoded) throw new CurationError(`The file was refused: ${decoded.reason}.`);
    const cleaned = cleanReport(decoded.text);
    if (cleaned.blocks.length === 0) throw new CurationError('The file has no article text once its title and page furniture are removed.');
    const hash = sha256(upload.bytes);
    const twin = existing.find((source) => sha256(source.bytes) === hash);
    if (twin) throw new CurationError(`This report is already in the knowledge base as ${twin.file}.`);
    const metadata = CatalogEntrySchema.safeParse(upload.metadata);
    if (!metadata.success) {
      const issue = metadata.error.issues[0]!;
      throw new CurationError(`Invalid ${String(issue.path[0] ?? 'metadata')}: ${issue.message}.`);
    }
    const file = `${slugOf(metadata.data.title ?? cleaned.title)}-${hash.slice(0, 8)}${extension}`;
    return { file, metadata: metadata.data };
  }

  addSource(given: SourceUpload): Promise<{ file: string; kb: KnowledgeBase; revision: number | null }> {
    const upload = PAGE_EXTENSIONS.includes(path.extname(given.originalName).toLowerCase()) ? pageAsReport(given) : given;
    return this.repository.change(async (current) => {
      const { file, metadata } = this.checkUpload(upload, current.sources);
      const catalog = this.parseJson<Record<string, CatalogEntry>>('catalog.json', current.catalog, {});
      const entry = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined && value !== null));
      const nextCatalog = Object.keys(entry).length > 0 ? { ...catalog, [file]: entry } : catalog;
      const catalogText = Buffer.from(`${JSON.stringify(nextCatalog, null, 2)}\n`);
      const kb = this.candidate(current, (input) => {
        input.sources.push({ file, bytes: upload.bytes });
        if (nextCatalog !== catalog) input.catalog = catalogText;
      });
      // Read from the candidate, which has every report cleaned already, instead of cleaning them all again.
      const twin = textTwin(kb, file);
      if (twin) throw new CurationError(`This report is already in the knowledge base as ${twin}.`);
      const writes = [{ path: `sources/${file}`, bytes: upload.bytes }];
      if (nextCatalog !== catalog) writes.push({ path: 'catalog.json', bytes: catalogText });
      return { edit: { writes, removes: [], summary: `add report ${file}` }, kb, result: { file, kb } };
    });
  }

  addQa(newQa: NewQa): Promise<{ id: string; revision: number | null }> {
    return this.repository.change(async (current) => {
      const entries = this.parseJson<QaEntry[]>('qa.json', current.qa, []);
      const base = slugOf(newQa.question, 60);
      let id = base;
      for (let n = 2; entries.some((entry) => entry.id === id); n++) id = `${base}-${n}`;
      const parsed = QaEntrySchema.safeParse({
        id,
        question: newQa.question,
        alternatives: newQa.alternatives.filter((alternative) => alternative.trim().length > 0),
        answer: newQa.answer,
        citations: [{ source: newQa.source, quote: newQa.quote }],
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CurationError(`Invalid ${issue.path.join('.') || 'entry'}: ${issue.message}.`);
      }
      const text = Buffer.from(`${JSON.stringify([...entries, parsed.data], null, 2)}\n`);
      const kb = this.candidate(current, (input) => {
        input.qa = text;
      });
      return { edit: { writes: [{ path: 'qa.json', bytes: text }], removes: [], summary: `add Q&A ${id}` }, kb, result: { id } };
    });
  }

  removeQa(id: string): Promise<{ revision: number | null }> {
    return this.repository.change(async (current) => {
      const entries = this.parseJson<QaEntry[]>('qa.json', current.qa, []);
      if (!entries.some((entry) => entry.id === id)) throw new CurationError(`There is no Q&A with the id "${id}".`);
      const text = Buffer.from(
        `${JSON.stringify(
          entries.filter((entry) => entry.id !== id),
          null,
          2,
        )}\n`,
      );
      return { edit: { writes: [{ path: 'qa.json', bytes: text }], removes: [], summary: `remove Q&A ${id}` }, result: {} };
    });
  }

  /** The Q&A entries that cite a report, which go with it. */
  async qaCiting(file: string): Promise<string[]> {
    const entries = this.parseJson<QaEntry[]>('qa.json', (await this.repository.read()).qa, []);
    return entries.filter((entry) => entry.citations.some((citation) => citation.source === file)).map((entry) => entry.id);
  }

  removeSource(file: string): Promise<{ removedQa: string[]; revision: number | null }> {
    return this.repository.change(async (current) => {
      if (!current.sources.some((source) => source.file === file)) throw new CurationError(`There is no report called "${file}".`);
      if (current.sources.length === 1) throw new CurationError('That is the only report; add another before removing it.');
      const entries = this.parseJson<QaEntry[]>('qa.json', current.qa, []);
      const kept = entries.filter((entry) => !entry.citations.some((citation) => citation.source === file));
      const catalog = this.parseJson<Record<string, CatalogEntry>>('catalog.json', current.catalog, {});
      const { [file]: _removed, ...restCatalog } = catalog;
      const qaText = Buffer.from(`${JSON.stringify(kept, null, 2)}\n`);
      const catalogText = Buffer.from(`${JSON.stringify(restCatalog, null, 2)}\n`);
      const qaChanges = kept.length !== entries.length;
      const catalogChanges = file in catalog;
      const kb = this.candidate(current, (input) => {
        input.sources = input.sources.filter((source) => source.file !== file);
        if (qaChanges) input.qa = qaText;
        if (catalogChanges) input.catalog = catalogText;
      });
      // Q&A and catalog first: were the change to stop half-way, the knowledge would still build.
      const writes = [];
      if (qaChanges) writes.push({ path: 'qa.json', bytes: qaText });
      if (catalogChanges) writes.push({ path: 'catalog.json', bytes: catalogText });
      const removedQa = entries.filter((entry) => !kept.includes(entry)).map((entry) => entry.id);
      return { edit: { writes, removes: [`sources/${path.basename(file)}`], summary: `remove report ${file}` }, kb, result: { removedQa } };
    });
  }
}
