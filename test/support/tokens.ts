import { appAuthenticator } from '../../src/app/authentication';
import { signToken, type TokenClaims } from '../../src/server/auth/sign-token';

/** The shared secret of the test apps (HS256, at least 32 bytes). */
export const TEST_TOKEN_SECRET = new TextEncoder().encode('test-secret-of-the-test-suite-0123456789');

/** Verifies tokens signed with TEST_TOKEN_SECRET, as the reference app does. */
export const testAuthenticator = appAuthenticator({ secret: TEST_TOKEN_SECRET });

/** A valid token (one hour) for `sub`, with `extra` claims. */
export const tokenFor = (sub: string, extra: Partial<TokenClaims> = {}): Promise<string> =>
  signToken(TEST_TOKEN_SECRET, { sub, expiresIn: '1h', ...extra });

/** Headers that sign a request in as `actor` (a member id); none for null (anonymous). */
export async function signedInAs(actor: string | null): Promise<Record<string, string>> {
  return actor === null ? {} : { authorization: `Bearer ${await tokenFor(actor)}` };
}

/** Headers of a trusted service caller named `name`. */
export async function asService(name: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(name, { role: 'service' })}` };
}
