import { SignJWT } from 'jose';

export interface TokenClaims {
  /** The actor (a member id) or the service's name. */
  readonly sub: string;
  /** `service` for a trusted service caller. */
  readonly role?: 'service';
  /** Lifetime, e.g. `12h` or `30m` (jose's time span syntax). */
  readonly expiresIn: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** An HS256 token signed with the shared secret (development tokens, services, tests). */
export function signToken(secret: Uint8Array, claims: TokenClaims): Promise<string> {
  let jwt = new SignJWT(claims.role ? { role: claims.role } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn);
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(secret);
}
