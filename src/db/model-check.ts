import type { PrismaClient } from '../generated/prisma/client';
import type { Domain, Polymorphic } from '../resource';
import type { AttributeType } from '../resource';

interface ModelField {
  readonly name: string;
  readonly kind: string;
  readonly type: string;
}

/** Model metadata as the generated client carries it (`{ models: { Item: { fields } } }`). */
export interface DataModel {
  readonly models: Readonly<Record<string, { readonly fields: readonly ModelField[] }>>;
}

/**
 * Prisma keeps the data model on the client instance; it is not part of the
 * public API, so it is read in this one place only.
 */
export function dataModelOf(prisma: PrismaClient): DataModel {
  return (prisma as unknown as { _runtimeDataModel: DataModel })._runtimeDataModel;
}

const PRISMA_TYPES: Record<AttributeType, string> = {
  string: 'String',
  int: 'Int',
  boolean: 'Boolean',
  datetime: 'DateTime',
  uuid: 'String',
  json: 'Json',
  enum: '',
};

/**
 * Checks every resource against the Prisma models that materialize it: the
 * model exists and has a column of a matching type for every attribute.
 * Returns all problems, each naming `Resource.field`.
 */
export function checkDomainAgainstModels(domain: Domain, dataModel: DataModel): string[] {
  const problems: string[] = [];
  if (!dataModel.models.Event) problems.push('The Prisma schema has no Event model (the event log).');
  for (const resource of domain.resources) {
    const model = dataModel.models[resource.model];
    if (!model) {
      problems.push(`${resource.name}: the Prisma schema has no model "${resource.model}"; add it or set \`model\`.`);
      continue;
    }
    const fields = new Map(model.fields.map((f) => [f.name, f]));
    for (const rel of resource.relationships) {
      if (rel.kind === 'polymorphic') {
        problems.push(...checkPolymorphicStorage(resource.name, rel, dataModel));
        continue;
      }
      // The engine's where language names keyed relationships as Prisma relation fields (a manyToMany
      // through its join relationship, checked on its own): manual loads pass it to Prisma as is.
      if (rel.kind !== 'belongsTo' && rel.kind !== 'hasOne' && rel.kind !== 'hasMany') continue;
      const field = fields.get(rel.name);
      const destinationModel = domain.resource(rel.destination).model;
      if (!field || field.kind !== 'object' || field.type !== destinationModel) {
        problems.push(`${resource.name}.${rel.name}: model ${resource.model} needs a relation field "${rel.name}" to ${destinationModel} (filters name it; manual loads hand them to Prisma).`);
      }
    }
    for (const attribute of resource.attributes) {
      const field = fields.get(attribute.name);
      const where = `${resource.name}.${attribute.name}`;
      if (!field) {
        problems.push(`${where}: model ${resource.model} has no field "${attribute.name}"; add it to prisma/schema.prisma and create a migration.`);
      } else if (attribute.type === 'enum' ? field.kind !== 'enum' : field.type !== PRISMA_TYPES[attribute.type]) {
        const expected = attribute.type === 'enum' ? 'a Prisma enum' : PRISMA_TYPES[attribute.type];
        problems.push(`${where}: model field ${resource.model}.${field.name} is ${field.type} but the attribute (${attribute.type}) needs ${expected}.`);
      }
    }
  }
  return problems;
}

function checkPolymorphicStorage(resource: string, rel: Polymorphic, dataModel: DataModel): string[] {
  const { storage } = rel;
  const model = dataModel.models[storage.model];
  const where = `${resource}.${rel.name}`;
  if (!model) return [`${where}: the Prisma schema has no storage model "${storage.model}".`];
  const names = new Set(model.fields.map((f) => f.name));
  return [storage.sourceAttribute, storage.typeAttribute, storage.idAttribute, storage.orderAttribute]
    .filter((column) => !names.has(column))
    .map((column) => `${where}: storage model ${storage.model} has no field "${column}".`);
}
