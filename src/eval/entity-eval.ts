import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { aliasKey } from '../kb/entity-matcher.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { EntityTypeSchema } from '../kb/schemas.ts';
import { resolveEntity } from '../search/claims-lookup.ts';

/**
 * How well the names of a report with no entities file are found: every person, organisation and place of each
 * real article, listed by hand with the forms the article uses (tests/eval/real/entities.json), against the
 * entities the build found and matched in that article's paragraphs.
 */

const LabelSchema = z.object({
  articles: z.array(
    z.object({
      source: z.string(),
      folder: z.enum(['dev', 'test', 'dev3']),
      entities: z.array(z.object({ name: z.string(), type: EntityTypeSchema, mentions: z.array(z.string()) })),
    }),
  ),
});

export type EntityLabels = z.infer<typeof LabelSchema>['articles'];

export function loadEntityLabels(file: string): EntityLabels {
  return LabelSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).articles;
}

export interface EntityEvalReport {
  articles: number;
  labelled: number;
  /** Labelled entities that `/claims <name>` resolves to an entity the article's paragraphs name. */
  foundByName: number;
  /** Labelled entities some entity of the article has a form of. */
  recall: number;
  /** Entities found in the articles that are one of the labelled names (labels leave out page furniture). */
  precision: number;
  found: number;
  /** Of the found entities that are labelled, the share given the labelled type. */
  typeAccuracy: number;
  missed: string[];
}

export function runEntityEval(kb: KnowledgeBase, labels: EntityLabels): EntityEvalReport {
  let labelled = 0;
  let byName = 0;
  let recalled = 0;
  let found = 0;
  let labelledFound = 0;
  let typed = 0;
  const missed: string[] = [];
  const articles = labels.filter((article) => kb.source(article.source));
  for (const article of articles) {
    const named = new Set(kb.passagesOf(article.source).flatMap((passage) => passage.entityIds));
    const inArticle = [...named].flatMap((id) => kb.entity(id) ?? []);
    const labelOf = new Map<string, (typeof article.entities)[number]>();
    for (const entity of article.entities) for (const form of [entity.name, ...entity.mentions]) labelOf.set(aliasKey(form), entity);
    for (const entity of inArticle) {
      found++;
      const label = [entity.name, ...entity.aliases].map((form) => labelOf.get(aliasKey(form))).find(Boolean);
      if (!label) continue;
      labelledFound++;
      if (label.type === entity.type) typed++;
    }
    for (const label of article.entities) {
      labelled++;
      const forms = new Set([label.name, ...label.mentions].map(aliasKey));
      if (inArticle.some((entity) => [entity.name, ...entity.aliases].some((form) => forms.has(aliasKey(form))))) recalled++;
      const resolved = resolveEntity(kb, label.name);
      if (resolved && named.has(resolved.id)) byName++;
      else missed.push(`${label.name} (${article.source})`);
    }
  }
  return {
    articles: articles.length,
    labelled,
    foundByName: byName / Math.max(1, labelled),
    recall: recalled / Math.max(1, labelled),
    precision: labelledFound / Math.max(1, found),
    found,
    typeAccuracy: typed / Math.max(1, labelledFound),
    missed,
  };
}
