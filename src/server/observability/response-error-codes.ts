import { ERROR_CODES } from '../../engine/errors';

/** The part of an execution result the codes are read from. */
interface ResultShape {
  readonly errors?: readonly { readonly extensions?: Record<string, unknown> }[];
  readonly data?: unknown;
}

/**
 * The error codes a response carries: every top-level error's
 * `extensions.code` (`UNKNOWN` for one without), then, for a mutation, the
 * `code` of every entry of each root field's payload `errors` (the codes of
 * `ErrorCode`, as far as the client selected them; a value that is not one
 * of them, e.g. another field aliased `code`, is ignored).
 */
export function responseErrorCodes(result: unknown, isMutation: boolean): string[] {
  if (typeof result !== 'object' || result === null) return [];
  const { errors, data } = result as ResultShape;
  const codes = (errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'UNKNOWN';
  });
  if (isMutation && typeof data === 'object' && data !== null) {
    for (const payload of Object.values(data)) codes.push(...payloadCodes(payload));
  }
  return codes;
}

function payloadCodes(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const { errors } = payload as { errors?: unknown };
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((error: unknown) => {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) ? [code] : [];
  });
}
