import type { Prisma, PrismaClient } from '../generated/prisma/client';

type Row = Record<string, unknown>;

/**
 * The part of a Prisma model delegate the engine's writes use, addressed by
 * model name. Resources name their model as data, so the delegate is looked up
 * at run time; the domain check guarantees every model exists.
 */
export interface ModelDelegate {
  findUnique(args: { where: { id: string } }): Promise<Row | null>;
  findMany(args: {
    where?: Row;
    orderBy?: Row | Row[];
    take?: number;
    skip?: number;
    select?: Row;
    relationLoadStrategy?: 'join' | 'query';
  }): Promise<Row[]>;
  count(args: { where?: Row }): Promise<number>;
  create(args: { data: Row }): Promise<Row>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: Row }): Promise<Row>;
  delete(args: { where: { id: string } }): Promise<Row>;
}

export type Client = PrismaClient | Prisma.TransactionClient;

export function modelDelegate(client: Client, model: string): ModelDelegate {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  const delegate = (client as unknown as Record<string, ModelDelegate | undefined>)[key];
  if (!delegate) throw new Error(`The Prisma client has no model "${model}".`);
  return delegate;
}
