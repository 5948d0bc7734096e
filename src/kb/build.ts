import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceAnalyzer, type TermSink } from './analyze-source.ts';
import type { Claim } from './claims.ts';
import { aliasKey } from './entity-matcher.ts';
import { KnowledgeBuildError, type KnowledgeProblem } from './errors.ts';
import { withFoundEntities } from './found-entities.ts';
import { ingestSource, sha256, type IngestedSource } from './ingest.ts';
import { KnowledgeBase, type TermStatistics } from './knowledge-base.ts';
import { parseCatalog, parseEntities, parseQa } from './parse-files.ts';
import { findNamedEntities } from './named-entities.ts';
import { PassageIndexBuilder } from './passage-index-builder.ts';
import type { KnowledgeFiles } from './read-folder.ts';
import type { QaEntry } from './schemas.ts';
import { relatedStems } from './thesaurus.ts';
import type { Entity, Passage, QaPair, Source } from './types.ts';

/**
 * Knowledge files → a validated KnowledgeBase, or a KnowledgeBuildError listing every problem. Nothing is
 * returned half-built: one bad file fails the whole build, so the previous knowledge keeps serving.
 */

/** Bumped whenever the built index's shape changes; code changes are caught by builderCodeHash() as well. */
export const BUILD_FORMAT_VERSION = 11;

let codeHash: string | null = null;

/**
 * A hash of the code that builds knowledge (this folder), part of the fingerprint: after an upgrade that changes
 * cleaning, segmentation or extraction, the built index is rebuilt instead of served as the old code made it.
 */
function builderCodeHash(): string {
  if (codeHash) return codeHash;
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir)
    .filter((file) => /\.[cm]?[jt]s$/.test(file))
    .sort();
  codeHash = sha256(files.map((file) => `${file}\n${readFileSync(path.join(dir, file), 'utf8')}`).join('\n'));
  return codeHash;
}

export type KnowledgeInput = Pick<KnowledgeFiles, 'sources' | 'catalog' | 'qa' | 'entities'>;

export function fingerprintOf(input: KnowledgeInput): string {
  const parts = [`format ${BUILD_FORMAT_VERSION}`, `code ${builderCodeHash()}`];
  for (const { file, bytes } of [...input.sources].sort((a, b) => a.file.localeCompare(b.file))) {
    parts.push(`source ${file} ${sha256(bytes)}`);
  }
  parts.push(`catalog ${input.catalog ? sha256(input.catalog) : '-'}`);
  parts.push(`qa ${input.qa ? sha256(input.qa) : '-'}`);
  parts.push(`entities ${input.entities ? sha256(input.entities) : '-'}`);
  return sha256(parts.join('\n'));
}

function toEntities(definitions: ReturnType<typeof parseEntities>, problems: KnowledgeProblem[]): Entity[] {
  const owner = new Map<string, string>();
  for (const definition of definitions) {
    for (const name of [definition.name, ...definition.aliases]) {
      const key = aliasKey(name);
      const other = owner.get(key);
      if (other !== undefined && other !== definition.id) {
        problems.push({ file: 'entities.json', entry: definition.id, reason: `alias "${name}" is also an alias of "${other}"` });
      }
      owner.set(key, definition.id);
    }
  }
  return definitions.map((definition) => ({
    id: definition.id,
    name: definition.name,
    type: definition.type,
    aliases: definition.aliases,
    roles: definition.roles,
    description: definition.description ?? null,
    curated: true,
  }));
}

function quoteHint(sourceText: string, quote: string): string {
  const loosen = (text: string) =>
    text
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, ' ');
  return loosen(sourceText).includes(loosen(quote))
    ? ' (it differs only in quotation marks, apostrophes or spacing; copy it exactly from the source)'
    : '';
}

function resolveQa(
  entries: QaEntry[],
  sources: Map<string, Source>,
  passagesBySource: Map<string, Passage[]>,
  problems: KnowledgeProblem[],
): QaPair[] {
  const pairs: QaPair[] = [];
  for (const entry of entries) {
    const citations: QaPair['citations'] = [];
    for (const { source: sourceId, quote } of entry.citations) {
      const source = sources.get(sourceId);
      if (!source) {
        problems.push({ file: 'qa.json', entry: entry.id, reason: `cites "${sourceId}", which is not a report in sources/` });
        continue;
      }
      const start = source.text.indexOf(quote);
      if (start < 0) {
        problems.push({
          file: 'qa.json',
          entry: entry.id,
          reason: `quote does not occur verbatim in ${sourceId}: "${quote.slice(0, 80)}"${quoteHint(source.text, quote)}`,
        });
        continue;
      }
      const end = start + quote.length;
      const passage = passagesBySource.get(sourceId)?.find((candidate) => candidate.start <= start && end <= candidate.end);
      if (!passage) {
        problems.push({
          file: 'qa.json',
          entry: entry.id,
          reason: `quote is not inside one body paragraph of ${sourceId} (it is in the title, a caption or page furniture, or spans paragraphs)`,
        });
        continue;
      }
      citations.push({ sourceId, passageId: passage.id, start, end });
    }
    if (citations.length === entry.citations.length) {
      pairs.push({ id: entry.id, question: entry.question, alternatives: entry.alternatives, answer: entry.answer, citations });
    }
  }
  return pairs;
}

export function buildKnowledgeBase(input: KnowledgeInput): KnowledgeBase {
  const problems: KnowledgeProblem[] = [];
  const warnings: string[] = [];
  const catalog = parseCatalog(input.catalog, problems);
  const curatedEntities = toEntities(parseEntities(input.entities, problems), problems);
  const qaEntries = parseQa(input.qa, problems);

  const sources: Source[] = [];
  const passages: Passage[] = [];
  const passagesBySource = new Map<string, Passage[]>();
  const claims: Claim[] = [];
  const bySha = new Map<string, string>();
  if (input.sources.length === 0) problems.push({ file: 'sources/', reason: 'no .txt or .md reports found' });
  const sink: TermSink = { index: new PassageIndexBuilder(), wordFrequency: new Map() };
  const ingested: IngestedSource[] = [];
  for (const { file, bytes } of input.sources) {
    const hash = sha256(bytes);
    // Checked before analysis: a copy's passages must not reach the index.
    const twin = bySha.get(hash);
    if (twin) {
      problems.push({ file: `sources/${file}`, reason: `same text as sources/${twin}` });
      continue;
    }
    const report = ingestSource(file, bytes, catalog[file], problems, hash);
    if (!report) continue;
    bySha.set(hash, file);
    ingested.push(report);
  }
  // Every report's names are known before any report is analysed: a name found in one is matched in all.
  const entities = withFoundEntities(
    curatedEntities,
    ingested.map((report) => findNamedEntities(report.passages)),
  );
  const analyzer = new SourceAnalyzer(entities, sink);
  for (const report of ingested) {
    const analysis = analyzer.analyze(report);
    sources.push(analysis.source);
    // Appended one by one: a report can have more paragraphs than a call can take arguments.
    for (const passage of analysis.passages) passages.push(passage);
    for (const claim of analysis.claims) claims.push(claim);
    passagesBySource.set(report.source.id, analysis.passages);
  }
  for (const key of Object.keys(catalog)) {
    if (!passagesBySource.has(key) && !input.sources.some((source) => source.file === key)) {
      warnings.push(`catalog.json has an entry for "${key}", which is not a report in sources/`);
    }
  }

  const qa = resolveQa(qaEntries, new Map(sources.map((source) => [source.id, source])), passagesBySource, problems);
  if (problems.length > 0) throw new KnowledgeBuildError(problems);

  const stemDocumentFrequency = sink.index.textDocumentFrequency();
  const terms: TermStatistics = {
    documentCount: passages.length,
    stemDocumentFrequency,
    wordFrequency: sink.wordFrequency,
    relatedStems: relatedStems(new Set(stemDocumentFrequency.keys())),
  };
  return new KnowledgeBase({
    fingerprint: fingerprintOf(input),
    builtAt: new Date().toISOString(),
    sources,
    passages,
    qa,
    entities,
    claims,
    passageIndex: sink.index.finish(),
    terms,
    warnings,
  });
}
