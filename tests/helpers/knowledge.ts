import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildKnowledgeBase } from '../../src/kb/build.ts';
import type { KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { readKnowledgeFolder } from '../../src/kb/read-folder.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const KNOWLEDGE_DIR = path.join(PROJECT_ROOT, 'knowledge');
export const REPORT_000 = '000_71b571c54ae26260.txt';
export const REPORT_003 = '003_b0f3f335b0cbade1.txt';

let shared: Promise<KnowledgeBase> | null = null;

/** The project's own knowledge base, built once per test file from the files in knowledge/. */
export function projectKnowledge(): Promise<KnowledgeBase> {
  shared ??= readKnowledgeFolder(KNOWLEDGE_DIR).then(buildKnowledgeBase);
  return shared;
}

/** A scratch copy of knowledge/ (without its built index) that a test may break; removed by the caller. */
export function copyKnowledge(): { dir: string; write(file: string, content: string | Buffer): void; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-kb-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}.built`) });
  return {
    dir,
    write(file, content) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A report's text as a scraped page gives it: its headline, then each paragraph after a blank line. */
export function reportText(headline: string, ...paragraphs: string[]): string {
  return [headline, ...paragraphs].join('\n\n');
}

/** A knowledge base built in memory from these reports, with no catalog or Q&A, and entities.json only if given. */
export function knowledgeOfReports(reports: Record<string, string | Buffer>, entities: unknown = null): KnowledgeBase {
  return buildKnowledgeBase({
    sources: Object.entries(reports).map(([file, text]) => ({ file, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text) })),
    catalog: null,
    qa: null,
    entities: entities === null ? null : Buffer.from(JSON.stringify(entities)),
  });
}

/** A knowledge folder with just these source files. */
export function knowledgeWith(
  sources: Record<string, string | Buffer>,
  extra: Record<string, string> = {},
): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-kb-'));
  mkdirSync(path.join(dir, 'sources'));
  for (const [file, content] of Object.entries(sources)) writeFileSync(path.join(dir, 'sources', file), content);
  for (const [file, content] of Object.entries(extra)) writeFileSync(path.join(dir, file), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under a knowledge folder (its built index aside), so a refused change can be shown to write nothing. */
export function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.built') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return files;
}
