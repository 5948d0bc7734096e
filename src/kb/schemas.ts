import { z } from 'zod';

/**
 * Schemas for every file a moderator edits under knowledge/. Each file crosses one of these once, at load,
 * so the rest of the engine can trust its shape.
 */

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const CatalogEntrySchema = z
  .object({
    title: nonEmpty.nullable().optional(),
    outlet: nonEmpty.nullable().optional(),
    url: z.url().nullable().optional(),
    published: z.iso.date('must be a date as YYYY-MM-DD').nullable().optional(),
    notes: z.string().nullable().optional(),
  })
  .strict();

/** catalog.json: file name in sources/ → metadata that overrides what ingestion guessed. */
export const CatalogSchema = z.record(z.string(), CatalogEntrySchema);

export const QaCitationSchema = z
  .object({
    source: nonEmpty.describe('file name in sources/'),
    quote: nonEmpty.describe('exact words from the source'),
  })
  .strict();

export const QaEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    question: nonEmpty,
    alternatives: z.array(nonEmpty).default([]),
    answer: nonEmpty,
    citations: z.array(QaCitationSchema).min(1, 'needs at least one citation'),
  })
  .strict();

export const QaFileSchema = z.array(QaEntrySchema);

export const EntityTypeSchema = z.enum(['person', 'organization', 'place', 'group', 'event']);

export const EntitySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    name: nonEmpty,
    type: EntityTypeSchema,
    aliases: z.array(nonEmpty).default([]),
    /** Role nouns ("the president") that may refer back to the entity within a paragraph. */
    roles: z.array(nonEmpty).default([]),
    description: z.string().optional(),
  })
  .strict();

export const EntitiesFileSchema = z.array(EntitySchema);

export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
export type QaEntry = z.infer<typeof QaEntrySchema>;
export type EntityDefinition = z.infer<typeof EntitySchema>;
export type EntityType = z.infer<typeof EntityTypeSchema>;
