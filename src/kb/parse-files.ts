import type { z } from 'zod';
import type { KnowledgeProblem } from './errors.ts';
import { CatalogSchema, EntitiesFileSchema, QaFileSchema, type CatalogEntry, type EntityDefinition, type QaEntry } from './schemas.ts';

/** JSON knowledge files through their zod schemas; every problem names the file and the entry. */

function entryName(data: unknown, path: PropertyKey[]): string | undefined {
  const [first] = path;
  if (first === undefined) return undefined;
  if (typeof first === 'number' && Array.isArray(data)) {
    const item: unknown = data[first];
    const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
    return typeof id === 'string' && id.length > 0 ? id : `#${first + 1}`;
  }
  return String(first);
}

function parseJsonFile<T>(file: string, bytes: Buffer, schema: z.ZodType<T>, problems: KnowledgeProblem[]): T | null {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    problems.push({ file, reason: `not valid JSON (${(error as Error).message})` });
    return null;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues.slice(0, 20)) {
    const field = issue.path.slice(1).join('.');
    problems.push({
      file,
      entry: entryName(data, issue.path),
      reason: field ? `${field}: ${issue.message}` : issue.message,
    });
  }
  return null;
}

export function parseCatalog(bytes: Buffer | null, problems: KnowledgeProblem[]): Record<string, CatalogEntry> {
  if (!bytes) return {};
  return parseJsonFile('catalog.json', bytes, CatalogSchema, problems) ?? {};
}

export function parseQa(bytes: Buffer | null, problems: KnowledgeProblem[]): QaEntry[] {
  if (!bytes) return [];
  const entries = parseJsonFile('qa.json', bytes, QaFileSchema, problems) ?? [];
  reportDuplicateIds('qa.json', entries, problems);
  return entries;
}

export function parseEntities(bytes: Buffer | null, problems: KnowledgeProblem[]): EntityDefinition[] {
  if (!bytes) return [];
  const entities = parseJsonFile('entities.json', bytes, EntitiesFileSchema, problems) ?? [];
  reportDuplicateIds('entities.json', entities, problems);
  return entities;
}

function reportDuplicateIds(file: string, entries: Array<{ id: string }>, problems: KnowledgeProblem[]): void {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) problems.push({ file, entry: id, reason: 'this id is used by more than one entry' });
    seen.add(id);
  }
}
