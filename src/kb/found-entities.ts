import { aliasKey } from './entity-matcher.ts';
import type { FoundEntity } from './named-entities.ts';
import { isStopWord, slugOf } from './text.ts';
import type { Entity } from './types.ts';

/**
 * The entities a build knows: those of entities.json, then the names found in the reports. entities.json wins:
 * a found name that is already one of its names or aliases adds nothing, so a moderator corrects or extends what
 * was found by writing the entity there. The same name found in several reports is one entity. A shorter form a
 * report uses for a name ("Putin", "Toretti") is that entity's alias only when no other name in the collection
 * claims it: "Toretti" is Gustavo Toretti in one report and Kenji Toretti in another, and a question about
 * "Toretti" must not be read as either.
 */

/** Questions are matched case-blind, so a name spelt like a common word ("Is") would be in all of them. */
const usable = (key: string) => key.length > 0 && !isStopWord(key);

export function withFoundEntities(curated: readonly Entity[], foundByReport: ReadonlyArray<readonly FoundEntity[]>): Entity[] {
  const curatedKeys = new Set<string>();
  for (const entity of curated) for (const name of [entity.name, ...entity.aliases]) curatedKeys.add(aliasKey(name));

  // Names first, each once however many reports use it.
  const byName = new Map<string, { found: FoundEntity; forms: Set<string> }>();
  for (const report of foundByReport) {
    for (const found of report) {
      const key = aliasKey(found.name);
      if (!usable(key) || curatedKeys.has(key)) continue;
      const entry = byName.get(key) ?? { found, forms: new Set<string>() };
      for (const alias of found.aliases) entry.forms.add(alias);
      byName.set(key, entry);
    }
  }
  // Which names claim each shorter form. A full name claims its last word even where its report never uses it
  // alone: "Ivansson" is no more Anika Ivansson's than Zofia Ivansson's.
  const claimants = new Map<string, Set<string>>();
  const claim = (key: string, nameKey: string) => {
    if (key === nameKey || !usable(key) || curatedKeys.has(key)) return;
    const names = claimants.get(key) ?? new Set<string>();
    names.add(nameKey);
    claimants.set(key, names);
  };
  for (const [nameKey, { found, forms }] of byName) {
    for (const form of forms) claim(aliasKey(form), nameKey);
    if (found.type === 'person' && nameKey.includes(' ')) claim(nameKey.slice(nameKey.lastIndexOf(' ') + 1), nameKey);
  }
  const ownerOf = (key: string) => {
    const names = claimants.get(key);
    return names?.size === 1 ? [...names][0]! : null;
  };

  // The names each name absorbs: "Putin" into "Vladimir Putin".
  const absorbed = new Map<string, string[]>();
  for (const nameKey of byName.keys()) {
    const owner = ownerOf(nameKey);
    if (owner !== null) absorbed.set(owner, [...(absorbed.get(owner) ?? []), nameKey]);
  }

  const ids = new Set(curated.map((entity) => entity.id));
  const found: Entity[] = [];
  for (const [nameKey, { found: first, forms }] of byName) {
    // A name that is another name's only shorter form ("Putin" beside "Vladimir Putin") is that entity.
    if (ownerOf(nameKey) !== null) continue;
    const base = slugOf(first.name, 60, 'entity');
    let id = base;
    for (let suffix = 2; ids.has(id); suffix++) id = `${base}-${suffix}`;
    ids.add(id);
    const aliases = [...forms].filter((form) => form !== first.name && ownerOf(aliasKey(form)) === nameKey);
    for (const other of absorbed.get(nameKey) ?? []) {
      for (const form of byName.get(other)!.forms) if (!aliases.includes(form)) aliases.push(form);
    }
    found.push({ id, name: first.name, type: first.type, aliases, roles: [], description: null, curated: false });
  }
  return [...curated, ...found];
}
