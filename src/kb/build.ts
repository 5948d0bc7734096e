import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceAnalyzer, type SourceAnalysis } from './analyze-source.ts';
import type { Claim } from './claims.ts';
import { aliasKey } from './entity-matcher.ts';
import { KnowledgeBuildError, type KnowledgeProblem } from './errors.ts';
import { withFoundEntities } from './found-entities.ts';
import { ingestSource, sha256, type IngestedSource } from './ingest.ts';
import { KnowledgeBase, type TermStatistics } from './knowledge-base.ts';
import { parseCatalog, parseEntities, parseQa } from './parse-files.ts';
import { findNamedEntities, type FoundEntity } from './named-entities.ts';
import { PassageIndexBuilder } from './passage-index-builder.ts';
import type { KnowledgeFiles } from './read-folder.ts';
import type { CatalogEntry, QaEntry } from './schemas.ts';
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

/** A report as the per-report half of a build leaves it: cleaned, cut into paragraphs and sentences, its names found. */
export interface PreparedReport {
  report: IngestedSource;
  found: FoundEntity[];
}

/** One report file to prepare, with what the build already knows of it. */
export interface ReportToPrepare {
  file: string;
  bytes: Buffer;
  catalogEntry: CatalogEntry | undefined;
  hash: string;
}

/** The per-report half of a build; each report's problems are its own, so reports can be prepared anywhere. */
export function prepareReport(item: ReportToPrepare): { prepared: PreparedReport | null; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const report = ingestSource(item.file, item.bytes, item.catalogEntry, problems, item.hash);
  return { prepared: report ? { report, found: findNamedEntities(report.passages) } : null, problems };
}

/** What a build reads before any report is prepared: the small files, and which reports are copies of others. */
export interface BuildPlan {
  input: KnowledgeInput;
  catalog: Record<string, CatalogEntry>;
  curatedEntities: Entity[];
  qaEntries: QaEntry[];
  problems: KnowledgeProblem[];
  /** Reports to prepare, in the order of the input, copies left out. */
  reports: ReportToPrepare[];
  /** The copies, by the index in `reports` of the report they copy. */
  copies: Map<number, ReportToPrepare[]>;
}

export function planBuild(input: KnowledgeInput): BuildPlan {
  const problems: KnowledgeProblem[] = [];
  const catalog = parseCatalog(input.catalog, problems);
  const curatedEntities = toEntities(parseEntities(input.entities, problems), problems);
  const qaEntries = parseQa(input.qa, problems);
  if (input.sources.length === 0) problems.push({ file: 'sources/', reason: 'no .txt or .md reports found' });
  const reports: ReportToPrepare[] = [];
  const copies = new Map<number, ReportToPrepare[]>();
  const firstWithHash = new Map<string, number>();
  for (const { file, bytes } of input.sources) {
    const item = { file, bytes, catalogEntry: catalog[file], hash: sha256(bytes) };
    // Checked before analysis: a copy's passages must not reach the index.
    const original = firstWithHash.get(item.hash);
    if (original !== undefined) copies.set(original, [...(copies.get(original) ?? []), item]);
    else {
      firstWithHash.set(item.hash, reports.length);
      reports.push(item);
    }
  }
  return { input, catalog, curatedEntities, qaEntries, problems, reports, copies };
}

export function buildKnowledgeBase(input: KnowledgeInput): KnowledgeBase {
  const plan = planBuild(input);
  const { prepared, entities } = collectPrepared(plan, plan.reports.map(prepareReport));
  const analyzer = new SourceAnalyzer(entities);
  return finishBuild(
    plan,
    entities,
    prepared.map((report) => analyzer.analyze(report.report)),
    analyzer.wordFrequency,
  );
}

/**
 * The prepared reports in order, the problems of those that did not read added to the plan's, and the entities of
 * the whole collection: every report's names are known before any report is analysed, so a name found in one is
 * matched in all.
 */
export function collectPrepared(
  plan: BuildPlan,
  outcomes: ReadonlyArray<ReturnType<typeof prepareReport>>,
): { prepared: PreparedReport[]; entities: Entity[] } {
  const { problems } = plan;
  const prepared: PreparedReport[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    problems.push(...outcome.problems);
    if (outcome.prepared) prepared.push(outcome.prepared);
    for (const copy of plan.copies.get(index) ?? []) {
      // A copy of a report that does not read has that report's problems, under its own name.
      if (outcome.prepared) problems.push({ file: `sources/${copy.file}`, reason: `same text as sources/${plan.reports[index]!.file}` });
      else problems.push(...prepareReport(copy).problems);
    }
  }
  const entities = withFoundEntities(
    plan.curatedEntities,
    prepared.map((report) => report.found),
  );
  return { prepared, entities };
}

/** The analysed reports, in order, as one knowledge base; or every problem of the build, thrown. */
export function finishBuild(
  plan: BuildPlan,
  entities: Entity[],
  analyses: readonly SourceAnalysis[],
  wordFrequency: Map<string, number>,
): KnowledgeBase {
  const { input, catalog, qaEntries, problems } = plan;
  const warnings: string[] = [];
  const sources: Source[] = [];
  const passages: Passage[] = [];
  const passagesBySource = new Map<string, Passage[]>();
  const claims: Claim[] = [];
  const index = new PassageIndexBuilder();
  for (const analysis of analyses) {
    sources.push(analysis.source);
    // Appended one by one: a report can have more paragraphs than a call can take arguments.
    for (const passage of analysis.passages) passages.push(passage);
    for (const passage of analysis.indexable) index.add(passage);
    for (const claim of analysis.claims) claims.push(claim);
    passagesBySource.set(analysis.source.id, analysis.passages);
  }
  for (const key of Object.keys(catalog)) {
    if (!passagesBySource.has(key) && !input.sources.some((source) => source.file === key)) {
      warnings.push(`catalog.json has an entry for "${key}", which is not a report in sources/`);
    }
  }

  const qa = resolveQa(qaEntries, new Map(sources.map((source) => [source.id, source])), passagesBySource, problems);
  if (problems.length > 0) throw new KnowledgeBuildError(problems);

  const stemDocumentFrequency = index.textDocumentFrequency();
  const terms: TermStatistics = {
    documentCount: passages.length,
    stemDocumentFrequency,
    wordFrequency,
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
    passageIndex: index.finish(),
    terms,
    warnings,
  });
}
