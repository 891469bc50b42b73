/**
 * Guards the claim that the seeded events look like the engine's: for each seeded
 * resource the reference app's domain already defines, the creation payload must
 * carry exactly the attributes its `create` action accepts (the engine's cast puts
 * every accepted attribute in a create payload). Resources the domain does not
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
    if (accepted.join(',') !== carried.join(',')) {
      problems.push(`${table.resource}: seeded payload has [${carried.join(', ')}] but create accepts [${accepted.join(', ')}].`);
    }
  }
  return { problems, unknown };
}
