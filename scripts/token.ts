/**
 * `npm run token -- <member email or id> [--expires 12h]`
 * `npm run token -- --service <name> [--expires 12h]`
 *
 * Prints a signed token (and the header to paste into GraphiQL) for acting as
 * a member, or as a trusted service that skips every policy. Signs with
 * AUTH_JWT_SECRET, else with the development secret `npm start` made (in the
 * data folder, or in the database with DATABASE_URL); adds AUTH_JWT_ISSUER /
 * AUTH_JWT_AUDIENCE when set. A member given by email is looked up: on
 * PostgreSQL in the database; on the embedded database with the development
 * secret, through the server running on it (PORT, default 4000; the folder
 * admits one process), else in the folder itself.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../src/db/client';
import { databaseConfigFromEnv, type DatabaseConfig } from '../src/db/config';
import { isUuid } from '../src/engine/query-errors';
import { readDevelopmentSecret } from '../src/server/auth/development-secret';
import { signToken } from '../src/server/auth/sign-token';
import { NO_KEYS_IN_PRODUCTION, secretBytes } from '../src/server/auth/token-config';
import { ConfigurationError } from '../src/util/configuration-error';

const USAGE = 'Usage: npm run token -- <member email or id> [--expires 12h]\n       npm run token -- --service <name> [--expires 12h]';

interface Request {
  readonly subject: string;
  readonly service: boolean;
  readonly expiresIn: string;
}

function parseArgs(args: readonly string[]): Request {
  let service = false;
  let expiresIn = '12h';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--service') service = true;
    else if (arg === '--expires') expiresIn = args[++i] ?? '';
    else rest.push(arg);
  }
  if (rest.length !== 1 || !/^\d+\s?(s|sec|m|min|h|hr|d|day|w)$/.test(expiresIn)) throw new ConfigurationError(USAGE);
  return { subject: rest[0]!, service, expiresIn };
}

async function main(): Promise<void> {
  const request = parseArgs(process.argv.slice(2));
  const config = databaseConfigFromEnv();
  const { secret, development } = await signingSecret(config);
  const sub = request.service ? request.subject : await memberId(request.subject, config, development ? secret : null);
  const token = await signToken(secret, {
    sub,
    ...(request.service ? { role: 'service' as const } : {}),
    expiresIn: request.expiresIn,
    ...claimsFromEnv(),
  });
  // One write, and a closed pipe ignored: `npm run -s token -- <email> | head -n 1` takes the token alone.
  process.stdout.on('error', () => {});
  process.stdout.write(
    `${token}\n\nGraphiQL, Headers tab (valid ${request.expiresIn}, as ${request.service ? `service "${sub}"` : `member ${sub}`}):\n` +
      `${JSON.stringify({ Authorization: `Bearer ${token}` })}\n`,
  );
}

const claimsFromEnv = () => ({
  ...(process.env.AUTH_JWT_ISSUER?.trim() ? { issuer: process.env.AUTH_JWT_ISSUER.trim() } : {}),
  ...(process.env.AUTH_JWT_AUDIENCE?.trim() ? { audience: process.env.AUTH_JWT_AUDIENCE.trim() } : {}),
});

/** AUTH_JWT_SECRET, else the development secret; tokens of an identity provider are not ours to sign. */
async function signingSecret(config: DatabaseConfig): Promise<{ secret: Uint8Array; development: boolean }> {
  const configured = process.env.AUTH_JWT_SECRET?.trim();
  if (configured) return { secret: secretBytes(configured, 'AUTH_JWT_SECRET'), development: false };
  if (process.env.AUTH_JWT_PUBLIC_KEY?.trim() || process.env.AUTH_JWKS_URL?.trim()) {
    throw new ConfigurationError('Tokens are issued by your identity provider (AUTH_JWT_PUBLIC_KEY / AUTH_JWKS_URL); this command signs only with AUTH_JWT_SECRET or the development secret.');
  }
  if (process.env.NODE_ENV === 'production') throw new ConfigurationError(NO_KEYS_IN_PRODUCTION);
  const stored = config.kind === 'postgres' ? await withDatabase(config, (db) => readDevelopmentSecret(db, config)) : await readDevelopmentSecret(null, config);
  if (!stored) throw new ConfigurationError('There is no development secret yet: start the server once (npm start) to make one.');
  return { secret: secretBytes(stored, 'The development secret'), development: true };
}

/** The member a UUID or an email names; `developmentSecret` allows asking a running embedded server. */
async function memberId(subject: string, config: DatabaseConfig, developmentSecret: Uint8Array | null): Promise<string> {
  if (isUuid(subject)) return subject.toLowerCase();
  if (!/@/.test(subject as string)) throw new ConfigurationError(`Expected a member's email or id but got: ${JSON.stringify(subject)}.\n${USAGE}`);
  const found = config.kind === 'pglite' && developmentSecret ? await memberFromRunningServer(subject, developmentSecret) : undefined;
  const id = found !== undefined ? found : await withDatabase(config, async (db) => (await db.prisma.member.findUnique({ where: { email: subject } }))?.id ?? null);
  if (!id) throw new ConfigurationError(`No member has the email ${JSON.stringify(subject)}.`);
  return id;
}

/**
 * Asks the server running on the embedded folder (it holds the folder, so it
 * is the only one to read it). Members are public, so the request acts as
 * nobody: a one-minute token of a random id, which only proves that the
 * server accepts this folder's development secret (then it serves this
 * folder). undefined: no server answers.
 */
async function memberFromRunningServer(email: string, secret: Uint8Array): Promise<string | null | undefined> {
  const url = `http://localhost:${process.env.PORT || 4000}/graphql`;
  const token = await signToken(secret, { sub: randomUUID(), expiresIn: '1m', ...claimsFromEnv() });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($email: String!) { members(first: 1, filter: { email: { eq: $email } }) { edges { node { id } } } }', variables: { email } }),
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    return undefined;
  }
  if (response.status === 401) {
    throw new ConfigurationError(`The server at ${url} does not accept tokens signed with this folder's secret: it serves another data folder. Set PORT (and DATA_DIR) to match it, or stop it.`);
  }
  const body = (await response.json()) as { data?: { members: { edges: { node: { id: string } }[] } } };
  return body.data?.members.edges[0]?.node.id ?? null;
}

async function withDatabase<T>(config: DatabaseConfig, use: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exitCode = error instanceof ConfigurationError ? 2 : 1;
});
