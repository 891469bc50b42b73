import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '../../util/configuration-error';

/** Algorithms a configured key verifies; a token signed with any other `alg` (including `none`) is refused. */
export type TokenAlgorithm = 'HS256' | 'RS256' | 'ES256' | 'EdDSA';

/**
 * The keys bearer tokens are verified with (README, "Authentication"). Any
 * combination of a shared secret (HS256: tokens the deployment signs itself,
 * e.g. for its services) and one identity provider's keys (a PEM public key
 * or a JWKS URL); each token is verified by the key its `alg` names.
 */
export interface TokenConfig {
  /** HS256 shared secret, at least 32 bytes (`AUTH_JWT_SECRET`). */
  readonly secret?: Uint8Array;
  /** An identity provider's public key (`AUTH_JWT_PUBLIC_KEY`, PEM) with the algorithm its type implies. */
  readonly publicKey?: { readonly key: KeyObject; readonly algorithm: Exclude<TokenAlgorithm, 'HS256'> };
  /** An identity provider's key set (`AUTH_JWKS_URL`): fetched, cached, refetched for an unknown `kid`. */
  readonly jwksUrl?: URL;
  /** Required `iss` (`AUTH_JWT_ISSUER`). */
  readonly issuer?: string;
  /** Required `aud` (`AUTH_JWT_AUDIENCE`). */
  readonly audience?: string;
  /** Least time between two JWKS fetches caused by unknown `kid`s (default 30 s): a flood of forged kids cannot hammer the provider. */
  readonly jwksCooldownMs?: number;
}

export const MIN_SECRET_BYTES = 32;

/** Thrown for a token setting that cannot work; the server refuses to start with its message. */
export class TokenConfigError extends ConfigurationError {
  override readonly name = 'TokenConfigError';
}

/**
 * Reads the token settings from the environment; null when none of
 * AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY and AUTH_JWKS_URL is set (the caller
 * decides: a development secret, or refusing to start in production).
 */
export function tokenConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TokenConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const secret = value('AUTH_JWT_SECRET');
  const pem = value('AUTH_JWT_PUBLIC_KEY');
  const jwks = value('AUTH_JWKS_URL');
  if (!secret && !pem && !jwks) return null;
  if (pem && jwks) throw new TokenConfigError('Set AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL, not both: both name the keys of one identity provider.');
  return {
    ...(secret ? { secret: secretBytes(secret, 'AUTH_JWT_SECRET') } : {}),
    ...(pem ? { publicKey: publicKeyOf(pem.replace(/\\n/g, '\n')) } : {}),
    ...(jwks ? { jwksUrl: jwksUrlOf(jwks) } : {}),
    ...(value('AUTH_JWT_ISSUER') ? { issuer: value('AUTH_JWT_ISSUER') } : {}),
    ...(value('AUTH_JWT_AUDIENCE') ? { audience: value('AUTH_JWT_AUDIENCE') } : {}),
  };
}

/** A shared secret's bytes (its UTF-8 text), refused when shorter than 32 bytes. */
export function secretBytes(secret: string, name: string): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new TokenConfigError(`${name} must be at least ${MIN_SECRET_BYTES} bytes but got ${bytes.length}; generate one with: openssl rand -base64 48`);
  }
  return bytes;
}

function publicKeyOf(pem: string): NonNullable<TokenConfig['publicKey']> {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new TokenConfigError('AUTH_JWT_PUBLIC_KEY must be a PEM public key ("-----BEGIN PUBLIC KEY-----" ...) but could not be read.');
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return { key, algorithm: 'RS256' };
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { key, algorithm: 'ES256' };
  if (type === 'ed25519') return { key, algorithm: 'EdDSA' };
  throw new TokenConfigError(
    `AUTH_JWT_PUBLIC_KEY must be an RSA key of at least 2048 bits (RS256), a P-256 key (ES256) or an Ed25519 key (EdDSA) but got: ${type} ${JSON.stringify(key.asymmetricKeyDetails ?? {})}.`,
  );
}

function jwksUrlOf(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TokenConfigError(`AUTH_JWKS_URL must be an http(s) URL but got: ${JSON.stringify(text)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TokenConfigError(`AUTH_JWKS_URL must be an http(s) URL but got: ${JSON.stringify(text)}.`);
  return url;
}

/** The settings of a development server that signs its own tokens with `secret` (AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE still apply). */
export function developmentTokenConfig(secret: string, env: NodeJS.ProcessEnv = process.env): TokenConfig {
  const issuer = env.AUTH_JWT_ISSUER?.trim();
  const audience = env.AUTH_JWT_AUDIENCE?.trim();
  return { secret: secretBytes(secret, 'The development secret'), ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };
}

/** Why a production server will not start without keys. */
export const NO_KEYS_IN_PRODUCTION =
  'NODE_ENV=production but no token key is configured: set AUTH_JWT_SECRET (HS256, at least 32 bytes), AUTH_JWT_PUBLIC_KEY (PEM) or AUTH_JWKS_URL. ' +
  'A production server never signs its own development tokens.';
