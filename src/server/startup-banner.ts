import { TOKEN_COMMAND } from './graphiql/demo-member';
import { urlHostFor } from './lifecycle/host';

/** Where the server's tokens come from, as far as the banner tells a visitor how to sign in. */
export type TokenSource =
  | { readonly kind: 'development'; /** where the development secret is kept */ readonly secretPlace: string }
  | { readonly kind: 'shared-secret' }
  | { readonly kind: 'identity-provider' };

/**
 * What `npm start` prints once it serves: how to act as a demo member (or
 * where tokens come from), then the GraphiQL address last, the line that
 * says the server is ready. `host` is the bound address (HOST); unset or
 * every interface is shown as localhost.
 */
export function startupBanner(options: { readonly port: number; readonly host?: string | undefined; readonly database: string; readonly tokens: TokenSource }): string {
  const lines: string[] = [];
  const actAsDemoMember = `Act as a demo member: ${TOKEN_COMMAND}   (prints a token and the header to paste into GraphiQL's Headers tab)`;
  switch (options.tokens.kind) {
    case 'development':
      lines.push(
        `Development tokens: no AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is set, so this server signs its own with a secret kept in ${options.tokens.secretPlace}.`,
        actAsDemoMember,
      );
      break;
    case 'shared-secret':
      lines.push(`${actAsDemoMember}; it signs with AUTH_JWT_SECRET.`);
      break;
    case 'identity-provider':
      lines.push('Sign in: send a token of your identity provider as the header {"Authorization": "Bearer <token>"} (GraphiQL: Headers tab).');
      break;
  }
  lines.push('Reads work anonymously (public data); writes need a signed-in member.');
  lines.push(`GraphiQL: http://${urlHostFor(options.host)}:${options.port}/graphql  (database: ${options.database}; / redirects there)`);
  return `${lines.join('\n')}\n`;
}
