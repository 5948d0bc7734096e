import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.ts';
import path from 'node:path';
import { BUILD_FORMAT_VERSION, fingerprintOf } from './build.ts';
import { buildKnowledgeBaseInParallel } from './parallel-build.ts';
import { KnowledgeBase, type KnowledgeBaseParts } from './knowledge-base.ts';
import { PassageIndex, type PassageIndexJson } from './passage-index.ts';
import { readKnowledgeFolder } from './read-folder.ts';

/**
 * The built index the bot loads: knowledge/.built/index.json, keyed by a fingerprint of every knowledge file.
 * A fresh clone or an edited file changes the fingerprint, so the knowledge is rebuilt instead of served stale.
 */

/** The knowledge base as JSON: its parts, with the index and the term maps in serialisable form. */
interface BuiltIndexFile extends Omit<KnowledgeBaseParts, 'passageIndex' | 'terms'> {
  format: number;
  passageIndex: PassageIndexJson;
  terms: {
    documentCount: number;
    stems: Array<[string, number]>;
    words: Array<[string, number]>;
    related: Array<[string, string[]]>;
  };
}

export function builtIndexPath(knowledgeDir: string): string {
  return path.join(knowledgeDir, '.built', 'index.json');
}

function serialize(kb: KnowledgeBase): string {
  const file: BuiltIndexFile = {
    format: BUILD_FORMAT_VERSION,
    fingerprint: kb.fingerprint,
    builtAt: kb.builtAt,
    sources: [...kb.sources],
    passages: [...kb.passages],
    qa: [...kb.qa],
    entities: [...kb.entities],
    claims: [...kb.claims],
    warnings: [...kb.warnings],
    passageIndex: kb.passageIndex.toJSON(),
    terms: {
      documentCount: kb.terms.documentCount,
      stems: [...kb.terms.stemDocumentFrequency],
      words: [...kb.terms.wordFrequency],
      related: [...kb.terms.relatedStems],
    },
  };
  return JSON.stringify(file);
}

function deserialize(json: string): KnowledgeBase {
  const file = JSON.parse(json) as BuiltIndexFile;
  return new KnowledgeBase({
    fingerprint: file.fingerprint,
    builtAt: file.builtAt,
    sources: file.sources,
    passages: file.passages,
    qa: file.qa,
    entities: file.entities,
    claims: file.claims,
    warnings: file.warnings,
    passageIndex: PassageIndex.fromJSON(file.passageIndex),
    terms: {
      documentCount: file.terms.documentCount,
      stemDocumentFrequency: new Map(file.terms.stems),
      wordFrequency: new Map(file.terms.words),
      relatedStems: new Map(file.terms.related),
    },
  });
}

async function readBuiltIndex(file: string, fingerprint: string): Promise<KnowledgeBase | null> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  // Cheap check before parsing the whole file: a stale or foreign index is simply rebuilt.
  const head = json.slice(0, 200);
  if (!head.includes(`"format":${BUILD_FORMAT_VERSION},`) || !head.includes(`"fingerprint":"${fingerprint}"`)) return null;
  try {
    return deserialize(json);
  } catch {
    return null;
  }
}

export interface LoadResult {
  kb: KnowledgeBase;
  rebuilt: boolean;
  /** Set when the build succeeded but its index could not be saved (a read-only folder, say). */
  saveError?: string;
}

/**
 * Saves a knowledge base as the folder's built index. It is loaded instead of rebuilt only while its fingerprint
 * matches the folder's files, so saving one built from other files is harmless: it is simply rebuilt.
 */
export async function saveBuiltIndex(knowledgeDir: string, kb: KnowledgeBase): Promise<void> {
  await writeFileAtomic(builtIndexPath(knowledgeDir), serialize(kb));
}

export interface LoadOptions {
  forceRebuild?: boolean;
  /**
   * The fingerprint of the knowledge being served: when the folder's files still have it, nothing is loaded and
   * the result is null. The files are read once either way.
   */
  unlessFingerprint?: string;
}

/** The knowledge base of a folder: from its built index when that is current, otherwise built and saved. */
export async function loadKnowledge(knowledgeDir: string, options: Omit<LoadOptions, 'unlessFingerprint'> = {}): Promise<LoadResult> {
  return (await loadChangedKnowledge(knowledgeDir, options))!;
}

/** loadKnowledge, or null when the files still have `options.unlessFingerprint`. */
export async function loadChangedKnowledge(knowledgeDir: string, options: LoadOptions = {}): Promise<LoadResult | null> {
  const files = await readKnowledgeFolder(knowledgeDir);
  const fingerprint = fingerprintOf(files);
  if (fingerprint === options.unlessFingerprint) return null;
  if (!options.forceRebuild) {
    const cached = await readBuiltIndex(builtIndexPath(knowledgeDir), fingerprint);
    if (cached) return { kb: cached, rebuilt: false };
  }
  const kb = await buildKnowledgeBaseInParallel(files);
  try {
    await saveBuiltIndex(knowledgeDir, kb);
    return { kb, rebuilt: true };
  } catch (error) {
    return { kb, rebuilt: true, saveError: (error as Error).message };
  }
}
