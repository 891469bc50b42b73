/**
 * How to act as a demo member, said the same way on the start-up banner and
 * in GraphiQL: `npm run token` prints a token signed with the server's key
 * (scripts/token.ts); the request carries it in the Authorization header.
 * Reads work anonymously (public data only); writes other than signing up
 * need a signed-in member.
 */
export const DEMO_MEMBER_EMAIL = 'ada@example.com';
export const TOKEN_COMMAND = `npm run token -- ${DEMO_MEMBER_EMAIL}`;
export const AUTHORIZATION_HEADER_EXAMPLE = '{"Authorization": "Bearer <token>"}';
