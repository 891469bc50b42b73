/**
 * Guards the claim that the seeded events look like the engine's: for each seeded
 * resource the reference app's domain already defines, the creation payload must
 * carry the attributes its `create` action accepts (the engine's cast puts every
 * accepted attribute in a create payload) and nothing else. An optional attribute
 * without a default may be left out (e.g. Workspace.ownerId of rows that predate
 * it): the cast would write null for it, and the fold reads a missing key as null,
 * so the folded state and the row are the same. Resources the domain does not
 * define yet are reported, not failed: their tables exist before their resources do.
 */
import type { Domain } from '../src/resource';
import { creationPayload, type SeedTable } from './seed';

/** Problems found (empty when every known resource matches) and resources the domain lacks. */
export function checkCreationPayloads(domain: Domain, tables: readonly SeedTable[]): { problems: string[]; unknown: string[] } {
  const problems: string[] = [];
  const unknown: string[] = [];
  const known = new Map(domain.resources.map((r) => [r.name, r]));
  for (const table of tables) {
    const resource = known.get(table.resource);
    const sample = table.rows[0];
    if (!resource) {
      unknown.push(table.resource);
      continue;
    }
    if (!sample) continue;
    const accepted = [...(resource.actionByName.get('create')?.accept ?? [])].sort();
    const carried = Object.keys(creationPayload(sample)).sort();
    const mayBeLeftOut = (name: string) => {
      const attribute = resource.attributeByName.get(name);
      return attribute !== undefined && !attribute.required && attribute.defaultValue === undefined;
    };
    const extra = carried.filter((name) => !accepted.includes(name));
    const missing = accepted.filter((name) => !carried.includes(name) && !mayBeLeftOut(name));
    if (extra.length > 0 || missing.length > 0) {
      problems.push(`${table.resource}: seeded payload has [${carried.join(', ')}] but create accepts [${accepted.join(', ')}].`);
    }
  }
  return { problems, unknown };
}
