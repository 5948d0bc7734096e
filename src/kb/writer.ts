import { rm, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { buildKnowledgeBase, type KnowledgeInput } from './build.ts';
import { saveBuiltIndex } from './built-index.ts';
import { cleanReport } from './clean.ts';
import { describeProblem, KnowledgeBuildError } from './errors.ts';
import { decodeReport, sha256 } from './ingest.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { readKnowledgeFolder, SOURCE_EXTENSIONS } from './read-folder.ts';
import { CatalogEntrySchema, QaEntrySchema, type CatalogEntry, type QaEntry } from './schemas.ts';

/**
 * Changes to the knowledge folder made by moderators from Discord. Every change is first built in memory with
 * the rest of the folder, so nothing that would fail the build is ever written; then each file is written
 * atomically. Changes run one at a time.
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
}

export interface NewQa {
  question: string;
  alternatives: string[];
  answer: string;
  source: string;
  quote: string;
}

function slug(text: string, max = 40): string {
  const words = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let result = '';
  for (const word of words) {
    if ((result ? result.length + 1 : 0) + word.length > max) break;
    result = result ? `${result}-${word}` : word;
  }
  return result || 'report';
}

function firstProblems(error: unknown): string {
  if (error instanceof KnowledgeBuildError) return error.problems.slice(0, 5).map(describeProblem).join('; ');
  return (error as Error).message;
}

export class KnowledgeWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** Runs changes one after another, even when moderators act at the same moment. */
  private serialized<T>(change: () => Promise<T>): Promise<T> {
    const next = this.queue.then(change, change);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The folder as it would be after the change, built in memory; `input` is the folder already read, if it was. */
  private async candidate(change: (input: KnowledgeInput) => void, input?: KnowledgeInput): Promise<{ input: KnowledgeInput; kb: KnowledgeBase }> {
    input ??= await readKnowledgeFolder(this.dir);
    change(input);
    try {
      return { input, kb: buildKnowledgeBase(input) };
    } catch (error) {
      throw new CurationError(`The knowledge would not build with this change, so nothing was written: ${firstProblems(error)}`);
    }
  }

  /**
   * Saves the candidate, already built and validated, as the folder's built index, so the refresh that follows a
   * change (on every shard) loads it instead of building the folder again. Failing to save costs only that rebuild.
   */
  private async keepBuilt(kb: KnowledgeBase): Promise<void> {
    await saveBuiltIndex(this.dir, kb).catch(() => undefined);
  }

  private async readJson<T>(file: string, fallback: T): Promise<T> {
    try {
      return this.parseJson(file, await readFile(path.join(this.dir, file)), fallback);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
      throw error;
    }
  }

  /** A knowledge file's bytes (as read with the folder) as JSON; a broken file refuses the change. */
  private parseJson<T>(file: string, bytes: Buffer | null, fallback: T): T {
    if (!bytes) return fallback;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch (error) {
      throw new CurationError(`${file} could not be read: ${(error as Error).message}`);
    }
  }

  /** Checks an uploaded report before anything touches the folder; returns its safe file name. */
  private checkUpload(upload: SourceUpload, existing: KnowledgeInput['sources']): { file: string; metadata: CatalogEntry } {
    // Discord sends plain file names; anything path-like or with control characters is a forged upload.
    if (/[\\/\u0000-\u001f]|\.\./.test(upload.originalName)) {
      throw new CurationError(`"${upload.originalName.slice(0, 80)}" is not a plain file name; the upload was refused.`);
    }
    const extension = path.extname(upload.originalName).toLowerCase();
    if (!SOURCE_EXTENSIONS.includes(extension)) throw new CurationError(`Only ${SOURCE_EXTENSIONS.join(' and ')} reports can be added (got "${extension || 'no extension'}").`);
    if (upload.bytes.length > MAX_UPLOAD_BYTES) throw new CurationError(`The file is ${upload.bytes.length} bytes; reports may be at most ${MAX_UPLOAD_BYTES} bytes (1 MB).`);
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
    const file = `${slug(metadata.data.title ?? cleaned.title)}-${hash.slice(0, 8)}${extension}`;
    return { file, metadata: metadata.data };
  }

  addSource(upload: SourceUpload): Promise<{ file: string; kb: KnowledgeBase }> {
    return this.serialized(async () => {
      const current = await readKnowledgeFolder(this.dir);
      const { file, metadata } = this.checkUpload(upload, current.sources);
      const catalog = this.parseJson<Record<string, CatalogEntry>>('catalog.json', current.catalog, {});
      const entry = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined && value !== null));
      const nextCatalog = Object.keys(entry).length > 0 ? { ...catalog, [file]: entry } : catalog;
      const catalogText = `${JSON.stringify(nextCatalog, null, 2)}\n`;
      const { kb } = await this.candidate((input) => {
        input.sources.push({ file, bytes: upload.bytes });
        if (nextCatalog !== catalog) input.catalog = Buffer.from(catalogText);
      }, current);
      await writeFileAtomic(path.join(this.dir, 'sources', file), upload.bytes);
      if (nextCatalog !== catalog) await writeFileAtomic(path.join(this.dir, 'catalog.json'), catalogText);
      await this.keepBuilt(kb);
      return { file, kb };
    });
  }

  addQa(newQa: NewQa): Promise<{ id: string }> {
    return this.serialized(async () => {
      const entries = await this.readJson<QaEntry[]>('qa.json', []);
      const base = slug(newQa.question, 60);
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
      const text = `${JSON.stringify([...entries, parsed.data], null, 2)}\n`;
      const { kb } = await this.candidate((input) => {
        input.qa = Buffer.from(text);
      });
      await writeFileAtomic(path.join(this.dir, 'qa.json'), text);
      await this.keepBuilt(kb);
      return { id };
    });
  }

  removeQa(id: string): Promise<void> {
    return this.serialized(async () => {
      const entries = await this.readJson<QaEntry[]>('qa.json', []);
      if (!entries.some((entry) => entry.id === id)) throw new CurationError(`There is no Q&A with the id "${id}".`);
      await writeFileAtomic(path.join(this.dir, 'qa.json'), `${JSON.stringify(entries.filter((entry) => entry.id !== id), null, 2)}\n`);
    });
  }

  /** The Q&A entries that cite a report, which go with it. */
  async qaCiting(file: string): Promise<string[]> {
    const entries = await this.readJson<QaEntry[]>('qa.json', []);
    return entries.filter((entry) => entry.citations.some((citation) => citation.source === file)).map((entry) => entry.id);
  }

  removeSource(file: string): Promise<{ removedQa: string[] }> {
    return this.serialized(async () => {
      const current = await readKnowledgeFolder(this.dir);
      if (!current.sources.some((source) => source.file === file)) throw new CurationError(`There is no report called "${file}".`);
      if (current.sources.length === 1) throw new CurationError('That is the only report; add another before removing it.');
      const entries = this.parseJson<QaEntry[]>('qa.json', current.qa, []);
      const kept = entries.filter((entry) => !entry.citations.some((citation) => citation.source === file));
      const catalog = this.parseJson<Record<string, CatalogEntry>>('catalog.json', current.catalog, {});
      const { [file]: _removed, ...restCatalog } = catalog;
      const qaText = `${JSON.stringify(kept, null, 2)}\n`;
      const catalogText = `${JSON.stringify(restCatalog, null, 2)}\n`;
      const qaChanges = kept.length !== entries.length;
      const catalogChanges = file in catalog;
      const { kb } = await this.candidate((input) => {
        input.sources = input.sources.filter((source) => source.file !== file);
        if (qaChanges) input.qa = Buffer.from(qaText);
        if (catalogChanges) input.catalog = Buffer.from(catalogText);
      }, current);
      // Q&A and catalog first: were the process to stop half-way, the folder would still build.
      if (qaChanges) await writeFileAtomic(path.join(this.dir, 'qa.json'), qaText);
      if (catalogChanges) await writeFileAtomic(path.join(this.dir, 'catalog.json'), catalogText);
      await rm(path.join(this.dir, 'sources', path.basename(file)));
      await this.keepBuilt(kb);
      return { removedQa: entries.filter((entry) => !kept.includes(entry)).map((entry) => entry.id) };
    });
  }
}
