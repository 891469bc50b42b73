import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { bearerToken, unauthenticated, type Authenticate } from './authenticate';
import { ANONYMOUS, type Principal } from '../../engine/principal';
import type { TokenAlgorithm, TokenConfig } from './token-config';

export interface TokenAuthenticatorOptions {
  /**
   * The actor a person's `sub` names, or null to refuse the token (e.g. the
   * reference app takes only member ids, UUIDs). Default: `sub` as it is,
   * except one starting with `service:`, which would pass for a service's
   * name on the events it writes (and in its x-request-id group).
   */
  readonly actorOf?: (sub: string) => string | null;
}

/** Tokens signed with an asymmetric key must use one of these (RFC 8725: never what the token alone says). */
const IDENTITY_PROVIDER_ALGORITHMS: readonly TokenAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
/** Seconds of clock difference tolerated on `exp` / `nbf` / `iat`. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** A service's name (`sub` of a `role: "service"` token), as it is written on events (`service:<sub>`). */
const SERVICE_NAME = /^[A-Za-z0-9][\w.@:-]{0,99}$/;

/**
 * Verifies `Authorization: Bearer <JWT>` with jose against the configured
 * keys: the signature (by the key its `alg` selects, among the algorithms
 * those keys allow; `alg: none` never), `exp` (required), `nbf`, and the
 * configured `iss` / `aud`. `sub` names the actor; `role: "service"` marks a
 * trusted service, on tokens signed with the shared secret only (the
 * deployment's own: an identity provider may let users or their admins set a
 * `role` claim, and must not be able to mint callers that skip every
 * policy). A request without the header is anonymous; a header that fails
 * any check is refused (401 UNAUTHENTICATED) before any statement runs.
 */
export function tokenAuthenticator(config: TokenConfig, options: TokenAuthenticatorOptions = {}): Authenticate {
  const algorithms = allowedAlgorithms(config);
  if (algorithms.length === 0) throw new Error('tokenAuthenticator needs a secret, a public key or a JWKS URL.');
  const keyFor = keyResolver(config);
  const verifyOptions = {
    algorithms,
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  const actorOf = options.actorOf ?? ((sub: string) => (sub.startsWith('service:') ? null : sub));
  // With a JWKS the provider may withdraw a key at any time, and a token signed with it must be refused from then on.
  const verifiedTokens = config.jwksUrl ? null : new VerifiedTokens();

  return async (request) => {
    const token = bearerToken(request);
    if (token === null) return ANONYMOUS;
    const known = verifiedTokens?.get(token);
    if (known) return known;
    let verified: { payload: JWTPayload; protectedHeader: { alg: string } };
    try {
      verified = await jwtVerify(token, keyFor, verifyOptions);
    } catch (error) {
      throw refusalOf(error);
    }
    const principal = principalOf(verified.payload, verified.protectedHeader.alg === 'HS256', actorOf);
    verifiedTokens?.add(token, verified.payload, principal);
    return principal;
  };
}

/** Most verified tokens remembered (the oldest is forgotten first). */
const VERIFIED_TOKENS = 10_000;

/**
 * Tokens already verified, with their principal, until they expire (`exp`,
 * with the same clock tolerance as the check) and from when they are valid
 * (`nbf`): a client sending the same token on every request is verified
 * once, not once per request (a signature check costs more than the rest of
 * a small request's authentication). Only tokens that passed every check are
 * kept, and only for keys fixed at start-up (a secret, a PEM key): tokens of
 * a JWKS are verified every time, so a key the provider withdraws is refused
 * at once.
 */
class VerifiedTokens {
  private readonly tokens = new Map<string, { principal: Principal; from: number; until: number }>();

  get(token: string): Principal | undefined {
    const known = this.tokens.get(token);
    if (!known) return undefined;
    const now = Date.now();
    if (now >= known.from && now < known.until) return known.principal;
    if (now >= known.until) this.tokens.delete(token);
    return undefined;
  }

  add(token: string, payload: JWTPayload, principal: Principal): void {
    const tolerance = CLOCK_TOLERANCE_SECONDS * 1000;
    if (this.tokens.size >= VERIFIED_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, { principal, from: (payload.nbf ?? 0) * 1000 - tolerance, until: payload.exp! * 1000 + tolerance });
  }
}

function allowedAlgorithms(config: TokenConfig): TokenAlgorithm[] {
  return [
    ...(config.secret ? ['HS256' as const] : []),
    ...(config.publicKey ? [config.publicKey.algorithm] : []),
    ...(config.jwksUrl ? IDENTITY_PROVIDER_ALGORITHMS : []),
  ];
}

/** The identity provider's key set could not be fetched (network, timeout, not a key set): the client is not at fault. */
class KeysUnavailable extends Error {}

/** HS256 tokens verify with the shared secret, the others with the identity provider's key (or key set, by `kid`). */
function keyResolver(config: TokenConfig): JWTVerifyGetKey {
  const jwks = config.jwksUrl ? createRemoteJWKSet(config.jwksUrl, { cooldownDuration: config.jwksCooldownMs ?? 30_000 }) : null;
  return async (header, token) => {
    if (header.alg === 'HS256' && config.secret) return config.secret;
    if (config.publicKey && header.alg === config.publicKey.algorithm) return config.publicKey.key;
    if (!jwks) throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
    try {
      return await jwks(header, token);
    } catch (error) {
      // fetch's own failures are TypeErrors (of another realm under some test runners); jose's are JOSEErrors.
      const unavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError);
      throw unavailable ? new KeysUnavailable('JWKS fetch failed', { cause: error }) : error;
    }
  };
}

function principalOf(payload: JWTPayload, signedWithSecret: boolean, actorOf: (sub: string) => string | null): Principal {
  const sub = payload.sub;
  // jose requires the claim but not its type: a number or an empty string names nobody.
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('The token\'s "sub" claim is missing or malformed.');
  if (payload.role === 'service') {
    if (!signedWithSecret) throw unauthenticated('Only tokens signed with the shared secret (AUTH_JWT_SECRET) may carry role "service".');
    if (!SERVICE_NAME.test(sub)) throw unauthenticated('A service token\'s sub must be a name of letters, digits and ._@:- (at most 100 characters).');
    return { kind: 'service', id: sub };
  }
  const actor = actorOf(sub);
  if (actor === null) throw unauthenticated('The token\'s sub does not name an actor this server knows (it must be a member id).');
  return { kind: 'actor', id: actor };
}

/** What a failed verification tells the client: which check failed, never the key. */
function refusalOf(error: unknown): GraphQLError {
  if (error instanceof errors.JWTExpired) return unauthenticated('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    // A claim of the wrong type (e.g. `nbf: "soon"`) is malformed, not "not valid yet".
    switch (error.reason === 'invalid' ? null : error.claim) {
      case 'nbf':
        return unauthenticated('The token is not valid yet (nbf).');
      case 'iat':
        return unauthenticated('The token was issued in the future (iat).');
      case 'iss':
        return unauthenticated('The token was not issued by the accepted issuer (iss).');
      case 'aud':
        return unauthenticated('The token is not meant for this server (aud).');
      default:
        return unauthenticated(`The token's "${error.claim}" claim is missing or malformed.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return unauthenticated('The token is signed with an algorithm (alg) this server does not accept.');
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('The token\'s signature does not verify.');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return unauthenticated('The token\'s key (kid) is not one of the identity provider\'s keys.');
  if (error instanceof KeysUnavailable) {
    return new GraphQLError('The identity provider\'s keys could not be fetched; retry later.', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '5' } } },
    });
  }
  if (error instanceof errors.JOSEError) return unauthenticated('The token is not a valid signed JWT.');
  throw error;
}
