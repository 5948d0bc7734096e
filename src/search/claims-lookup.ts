import Fuse from 'fuse.js';
import { aliasKey } from '../kb/entity-matcher.ts';
import type { Claim } from '../kb/claims.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation, Entity } from '../kb/types.ts';

/**
 * `/claims <entity>`: the entity found by name or alias, exactly or fuzzily ("puttin", "mcfall", "the kremlin"),
 * then every claim about it (named, or reached through "he" or a role noun) and every claim it makes. Dossier
 * reports how each article frames a claim; it never rates one true or false.
 */

export type ClaimMatch = 'alias' | 'coreference' | 'claimant';

export interface ClaimView {
  text: string;
  claimant: string | null;
  /** How the article describes a named claimant, apart from the name. */
  claimantRole: string | null;
  cue: string | null;
  hedge: string | null;
  match: ClaimMatch;
  citation: Citation;
}

export interface ClaimsResult {
  query: string;
  entity: { id: string; name: string; aliases: string[] } | null;
  claims: ClaimView[];
  /** For an unknown entity: the closest known names. */
  suggestions: string[];
}

const MAX_FUZZY_SCORE = 0.4;
export const MAX_AUTOCOMPLETE_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

interface NameEntry {
  entityId: string;
  name: string;
  key: string;
}

interface NameLookup {
  fuse: Fuse<NameEntry>;
  names: NameEntry[];
  /** Claims about or by each entity, in report order: a lookup reads its own, not every claim of the collection. */
  claimsOf: Map<string, Claim[]>;
  /** Entities some claim is about (not only by). */
  subjects: Set<string>;
}

const lookups = new WeakMap<KnowledgeBase, NameLookup>();

/** Built once per knowledge base, not per keystroke of autocomplete. */
function nameLookup(kb: KnowledgeBase): NameLookup {
  let lookup = lookups.get(kb);
  if (!lookup) {
    const names = kb.entities.flatMap((entity) =>
      [entity.name, ...entity.aliases].map((name) => ({ entityId: entity.id, name, key: aliasKey(name) })),
    );
    const claimsOf = new Map<string, Claim[]>();
    const subjects = new Set<string>();
    for (const claim of kb.claims) {
      for (const subject of claim.subjects) subjects.add(subject.entityId);
      for (const id of new Set([claim.claimantEntityId, ...claim.subjects.map((subject) => subject.entityId)])) {
        if (!id) continue;
        const list = claimsOf.get(id);
        if (list) list.push(claim);
        else claimsOf.set(id, [claim]);
      }
    }
    lookup = {
      names,
      claimsOf,
      subjects,
      fuse: new Fuse(names, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 0.6 }),
    };
    lookups.set(kb, lookup);
  }
  return lookup;
}

/** No name is longer than this; a longer query is cut before fuzzy matching, which costs by pattern length. */
const MAX_NAME_QUERY = 64;

export function resolveEntity(kb: KnowledgeBase, query: string): Entity | null {
  const key = aliasKey(query.slice(0, MAX_NAME_QUERY));
  if (key.length === 0) return null;
  const { names, fuse } = nameLookup(kb);
  // Autocomplete sends the entity id; a person types a name or alias.
  const byId = kb.entity(query.trim().toLowerCase());
  if (byId) return byId;
  const byName = names.find((entry) => entry.key === key);
  if (byName) return kb.entity(byName.entityId) ?? null;
  const best = fuse.search(key, { limit: 1 })[0];
  return best && (best.score ?? 1) <= MAX_FUZZY_SCORE ? (kb.entity(best.item.entityId) ?? null) : null;
}

function closestNames(kb: KnowledgeBase, query: string, limit = 3): string[] {
  const short = query.slice(0, MAX_NAME_QUERY);
  const ids = nameLookup(kb)
    .fuse.search(aliasKey(short) || short, { limit: 20 })
    .map((result) => result.item.entityId);
  return [...new Set(ids)].slice(0, limit).map((id) => kb.entity(id)!.name);
}

function matchOf(claim: Claim, entityId: string): ClaimMatch | null {
  if (claim.claimantEntityId === entityId) return 'claimant';
  return claim.subjects.find((subject) => subject.entityId === entityId)?.via ?? null;
}

/** Every claim about or by an entity, with how it matched; shared by /claims and claims-aware /ask. */
export function claimsAbout(kb: KnowledgeBase, entityId: string): Array<{ claim: Claim; match: ClaimMatch }> {
  const found: Array<{ claim: Claim; match: ClaimMatch }> = [];
  for (const claim of nameLookup(kb).claimsOf.get(entityId) ?? []) {
    const match = matchOf(claim, entityId);
    if (match) found.push({ claim, match });
  }
  return found;
}

/** Whether `/claims` lists anything about the entity (not only claims it makes): worth suggesting. */
export function hasClaimsAbout(kb: KnowledgeBase, entityId: string): boolean {
  return nameLookup(kb).subjects.has(entityId);
}

export function viewOf(kb: KnowledgeBase, claim: Claim, match: ClaimMatch): ClaimView | null {
  const passage = kb.passage(claim.passageId);
  if (!passage) return null;
  return {
    text: claim.text,
    claimant: claim.claimant,
    claimantRole: claim.claimantRole,
    cue: claim.cue,
    hedge: claim.hedge,
    match,
    citation: kb.cite(passage, claim.start, claim.end),
  };
}

/** Reporting verbs that state rather than hedge: "said", "told" over "believe", "reportedly", "it is said". */
const STRONG_CUE =
  /^(?:not )?(?:said|says|say|told|tells|confirmed|confirms|stated|states|announced|wrote|writes|testified|according to|found|concluded|revealed)$/i;

/**
 * How much a claim is about the subject, for ordering /claims: the subject named in what is claimed (not only
 * reached through "he"), a named claimant, a cue that states rather than hedges.
 */
function weight(claim: Claim, match: ClaimMatch): number {
  return (
    (match === 'alias' ? 2 : match === 'coreference' ? 1 : 0) +
    (claim.claimant !== null ? 1 : 0) +
    (claim.cue !== null && STRONG_CUE.test(claim.cue) && !claim.hedge ? 1 : 0)
  );
}

/**
 * Claims attributed to someone come before those the article makes itself; then the ones most about the subject;
 * then report by report, in each report's order, which is the order claimsAbout gives them in (the build's) and a
 * stable sort keeps.
 */
function rankClaims(found: Array<{ claim: Claim; match: ClaimMatch }>): Array<{ claim: Claim; match: ClaimMatch }> {
  return [...found].sort(
    (a, b) => Number(b.claim.claimant !== null) - Number(a.claim.claimant !== null) || weight(b.claim, b.match) - weight(a.claim, a.match),
  );
}

export function findClaims(kb: KnowledgeBase, query: string): ClaimsResult {
  const entity = resolveEntity(kb, query);
  if (!entity) return { query, entity: null, claims: [], suggestions: closestNames(kb, query) };
  const claims = rankClaims(claimsAbout(kb, entity.id)).flatMap(({ claim, match }) => viewOf(kb, claim, match) ?? []);
  return { query, entity: { id: entity.id, name: entity.name, aliases: entity.aliases }, claims, suggestions: [] };
}

function choiceName(name: string): string {
  return name.length <= MAX_CHOICE_LENGTH ? name : `${name.slice(0, MAX_CHOICE_LENGTH - 1)}…`;
}

/** Autocomplete: prefix matches first, then fuzzy ones; at most 25, names within Discord's 100 characters. */
export function suggestEntities(kb: KnowledgeBase, typed: string): Array<{ name: string; value: string }> {
  const { names, fuse, claimsOf } = nameLookup(kb);
  const claimCount = (id: string) => claimsOf.get(id)?.length ?? 0;
  const byClaims = (a: string, b: string) => claimCount(b) - claimCount(a);
  const key = aliasKey(typed.slice(0, MAX_NAME_QUERY));
  const ordered: string[] = [];
  if (key.length === 0) {
    ordered.push(...kb.entities.map((entity) => entity.id).sort(byClaims));
  } else {
    const prefixed = names.filter((entry) => entry.key.startsWith(key) || entry.key.split(' ').some((word) => word.startsWith(key)));
    ordered.push(...[...new Set(prefixed.map((entry) => entry.entityId))].sort(byClaims));
    ordered.push(...fuse.search(key, { limit: 50 }).map((result) => result.item.entityId));
  }
  return [...new Set(ordered)]
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((id) => kb.entity(id)!)
    .map((entity) => ({ name: choiceName(`${entity.name} (${claimCount(entity.id)} claims)`), value: entity.id }));
}
