import { loadChangedKnowledge, type LoadResult } from './built-index.ts';
import { KnowledgeBuildError, type KnowledgeProblem } from './errors.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { loadKnowledgeOffThread, WorkerUnavailableError } from './off-thread.ts';
import { sourceBytes } from './read-folder.ts';
import type { KnowledgeCounts } from './types.ts';

/**
 * Holds the knowledge base being served. A refresh builds a new one beside it and swaps one reference only when
 * the build is valid; while a refresh runs, a second request joins it instead of starting another.
 */

export interface KnowledgeChange {
  sourcesAdded: string[];
  sourcesRemoved: string[];
  passagesAdded: number;
  passagesRemoved: number;
  qaAdded: string[];
  qaRemoved: string[];
  before: KnowledgeCounts;
  after: KnowledgeCounts;
}

export type RefreshResult =
  | { ok: true; changed: boolean; change: KnowledgeChange; tookMs: number; warnings: readonly string[] }
  | { ok: false; problems: KnowledgeProblem[]; message: string; tookMs: number };

function difference<T>(from: Iterable<T>, minus: Iterable<T>): T[] {
  const removed = new Set(minus);
  return [...from].filter((item) => !removed.has(item));
}

export function describeChange(before: KnowledgeBase, after: KnowledgeBase): KnowledgeChange {
  const ids = (kb: KnowledgeBase) => ({
    sources: kb.sources.map((source) => source.id),
    passages: kb.passages.map((passage) => passage.id),
    qa: kb.qa.map((pair) => pair.id),
  });
  const old = ids(before);
  const fresh = ids(after);
  return {
    sourcesAdded: difference(fresh.sources, old.sources),
    sourcesRemoved: difference(old.sources, fresh.sources),
    passagesAdded: difference(fresh.passages, old.passages).length,
    passagesRemoved: difference(old.passages, fresh.passages).length,
    qaAdded: difference(fresh.qa, old.qa),
    qaRemoved: difference(old.qa, fresh.qa),
    before: before.counts(),
    after: after.counts(),
  };
}

/** Above this much report text (about 13,000 paragraphs, a second or more of building), loading moves off the bot's thread. */
const OFF_THREAD_MIN_BYTES = 4 * 1024 * 1024;

export interface StoreOptions {
  /** Where knowledge is loaded: in a worker thread for large folders ('auto'), always, or never. */
  offThread?: 'auto' | 'always' | 'never';
  /** The shared revision the folder holds, when it was written out from PostgreSQL. */
  revision?: number;
}

/** The folder's knowledge, or null when its files still have `unlessFingerprint` (the knowledge being served). */
async function loadFolder(
  dir: string,
  offThread: NonNullable<StoreOptions['offThread']>,
  unlessFingerprint?: string,
): Promise<LoadResult | null> {
  const away = offThread === 'always' || (offThread === 'auto' && (await sourceBytes(dir)) >= OFF_THREAD_MIN_BYTES);
  if (!away) return loadChangedKnowledge(dir, { unlessFingerprint });
  try {
    return await loadKnowledgeOffThread(dir, unlessFingerprint);
  } catch (error) {
    // No thread to load in: the same load here, only holding the bot meanwhile. A folder that does not build fails either way.
    if (error instanceof WorkerUnavailableError) return loadChangedKnowledge(dir, { unlessFingerprint });
    throw error;
  }
}

export class KnowledgeStore {
  private knowledge: KnowledgeBase;
  private refreshing: Promise<RefreshResult> | null = null;
  private lastRefresh: { at: string; result: RefreshResult } | null = null;

  /** The shared knowledge revision being served, when knowledge comes from PostgreSQL; null for a folder. */
  private servedRevision: number | null = null;

  private constructor(
    private folder: string,
    initial: KnowledgeBase,
    private readonly offThread: NonNullable<StoreOptions['offThread']>,
  ) {
    this.knowledge = initial;
  }

  /** Loads (building if needed) the folder's knowledge; throws KnowledgeBuildError when it is invalid. */
  static async open(dir: string, options: StoreOptions = {}): Promise<{ store: KnowledgeStore; rebuilt: boolean; saveError?: string }> {
    const offThread = options.offThread ?? 'auto';
    const loaded = (await loadFolder(dir, offThread))!;
    const store = new KnowledgeStore(dir, loaded.kb, offThread);
    store.servedRevision = options.revision ?? null;
    return { store, rebuilt: loaded.rebuilt, saveError: loaded.saveError };
  }

  get dir(): string {
    return this.folder;
  }

  get revision(): number | null {
    return this.servedRevision;
  }

  /**
   * Serves another folder (a newer revision written out beside the old one): built beside the current knowledge and
   * swapped in only if valid, like a refresh. A failed build keeps both the old knowledge and the old folder.
   */
  async switchTo(dir: string, revision: number): Promise<RefreshResult> {
    while (this.refreshing) await this.refreshing;
    const previous = this.folder;
    this.folder = dir;
    const result = await this.refresh();
    if (result.ok) this.servedRevision = revision;
    else this.folder = previous;
    return result;
  }

  get current(): KnowledgeBase {
    return this.knowledge;
  }

  get refreshInProgress(): boolean {
    return this.refreshing !== null;
  }

  get lastRefreshResult(): { at: string; result: RefreshResult } | null {
    return this.lastRefresh;
  }

  /** Rebuilds from the folder. Concurrent callers share one rebuild and get the same result. */
  refresh(): Promise<RefreshResult> {
    this.refreshing ??= this.rebuild().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rebuild(): Promise<RefreshResult> {
    const started = performance.now();
    const tookMs = () => Math.round(performance.now() - started);
    let result: RefreshResult;
    try {
      const before = this.knowledge;
      // Null when the files are unchanged since the knowledge being served was built: nothing to load.
      const kb = (await loadFolder(this.folder, this.offThread, before.fingerprint))?.kb ?? before;
      this.knowledge = kb;
      result = {
        ok: true,
        changed: kb.fingerprint !== before.fingerprint,
        change: describeChange(before, kb),
        tookMs: tookMs(),
        warnings: kb.warnings,
      };
    } catch (error) {
      const problems = error instanceof KnowledgeBuildError ? error.problems : [{ file: this.folder, reason: (error as Error).message }];
      result = { ok: false, problems, message: (error as Error).message, tookMs: tookMs() };
    }
    this.lastRefresh = { at: new Date().toISOString(), result };
    return result;
  }
}
