import { ERROR_CODES, type ActionError, type ErrorCode } from '../engine/errors';
import type { Builder } from './builder';

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Types every schema has: Relay `PageInfo`, the mutation `MutationError` and its `ErrorCode`. */
export function addSharedTypes(builder: Builder) {
  const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
    description: 'Relay pagination state of a connection.',
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', { description: 'More records follow the last edge.' }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'More records precede the first edge.' }),
      startCursor: t.exposeString('startCursor', { nullable: true, description: 'Cursor of the first edge.' }),
      endCursor: t.exposeString('endCursor', { nullable: true, description: 'Cursor of the last edge.' }),
    }),
  });

  const ErrorCodeEnum = builder.enumType('ErrorCode', {
    description: 'Why a mutation failed (`MutationError.code`). Request-level errors carry other codes in `extensions.code`.',
    values: Object.fromEntries(
      (Object.entries(ERROR_CODES) as [ErrorCode, string][]).map(([code, description]) => [code, { value: code, description }]),
    ) as Record<ErrorCode, { value: ErrorCode; description: string }>,
  });

  const MutationError = builder.objectRef<ActionError>('MutationError').implement({
    description: 'An expected failure of a mutation. Nothing was written.',
    fields: (t) => ({
      code: t.expose('code', { type: ErrorCodeEnum, description: 'What kind of failure (stable; switch on it).' }),
      message: t.exposeString('message', { description: 'What was wrong and how to fix it.' }),
      fields: t.exposeStringList('fields', { description: 'Input field names involved.' }),
      path: t.exposeStringList('path', {
        description:
          'Path into the `input` argument, list indexes as decimal strings (e.g. ["comments", "2", "body"]); ["id"] and ["expectedVersion"] name those arguments.',
      }),
    }),
  });

  return { PageInfo, MutationError, ErrorCode: ErrorCodeEnum };
}

export type SharedTypes = ReturnType<typeof addSharedTypes>;
