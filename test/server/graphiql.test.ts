import { parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { renderGraphiQL as yogaCdnPage } from 'graphql-yoga';
import { seedDemoData } from '../../src/app/seed';
import { DEFAULT_TABS } from '../../src/server/graphiql/default-tabs';
import { TOKEN_COMMAND } from '../../src/server/graphiql/demo-member';
import { startTestApp, type TestApp } from '../support/app';
import { signedInAs } from '../support/tokens';

/**
 * The playground: GraphiQL at /graphql served whole from the installed
 * bundle (nothing fetched from another host), opening on the example tabs
 * with the demo-member hint; `/` redirects to it; every example operation
 * validates against the app's schema and runs on the demo data.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemoData({ prisma: app.prisma, sql: app.db.sql, domain: app.domain, metadata: { actor: null, correlationId: 'seed' } });
});
afterAll(() => app.dispose());

/**
 * Absolute http(s) URLs that a browser would load while showing `html`: script
 * sources, stylesheet / icon links, CSS `@import` and `url(...)`, worker scripts.
 * (Plain strings such as links in help texts or XML namespaces are not loads.)
 */
function externalLoads(html: string): string[] {
  const patterns = [
    /<script[^>]*\ssrc\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi,
    /<link[^>]*\shref\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi,
    /@import\s+(?:url\(\s*)?["']?(https?:\/\/[^"')\s;]+)/gi,
    /url\(\s*["']?(https?:\/\/[^"')\s]+)/gi,
    /importScripts\(\s*["'](https?:\/\/[^"']+)/gi,
    /new (?:Shared)?Worker\(\s*["'](https?:\/\/[^"']+)/gi,
  ];
  return patterns.flatMap((pattern) => [...html.matchAll(pattern)].map((match) => match[1]!));
}

async function graphiqlPage(): Promise<Response> {
  return app.server.fetch('http://test.local/graphql', { headers: { accept: 'text/html' } });
}

describe('GraphiQL at /graphql', () => {
  it('is served with every script, style, worker, font and icon inlined: nothing is loaded from another host', async () => {
    const response = await graphiqlPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL(');
    expect(html).toContain('<title>Evented GraphQL</title>');
    expect(externalLoads(html)).toEqual([]);
  });

  it('the check above finds the CDN loads of the page Yoga serves by default', () => {
    expect(externalLoads(yogaCdnPage({})).length).toBeGreaterThan(0);
  });

  it('opens on the example tabs, the first one saying how to act as a demo member', async () => {
    const html = await graphiqlPage().then((response) => response.text());
    for (const tab of DEFAULT_TABS) {
      expect(html).toContain(JSON.stringify(tab.query));
      if (tab.variables) expect(html).toContain(JSON.stringify(tab.variables));
    }
    const first = DEFAULT_TABS[0]!.query;
    expect(first).toContain(TOKEN_COMMAND);
    expect(first).toContain('npm run token -- ada@example.com');
    expect(first).toContain('{"Authorization": "Bearer <token>"}');
  });
});

describe('the example tabs', () => {
  it('are a nested read, a nested mutation with variables, and history with asOf time travel', () => {
    const operations = DEFAULT_TABS.map((tab) =>
      parse(tab.query).definitions.map((definition) => `${(definition as OperationDefinitionNode).operation} ${(definition as OperationDefinitionNode).name?.value}`),
    );
    expect(operations).toEqual([
      ['query WorkspacesWithItems'],
      ['mutation CreateItemWithComments'],
      ['query ItemHistory', 'query ItemAsOf'],
    ]);
    expect(DEFAULT_TABS[1]!.query).toContain("createItem(input: { title: $title, workspace: { name: $workspace }, comments: $comments, members: $members })");
    expect(DEFAULT_TABS[2]!.query).toContain('item(id: $id, asOf: $asOf)');
  });

  it.each(DEFAULT_TABS.map((tab, index) => [index, tab] as const))('tab %i validates against the schema, its variables named by its operations', (_index, tab) => {
    const document = parse(tab.query);
    expect(validate(app.schema, document)).toEqual([]);
    const declared = new Set(
      document.definitions.flatMap((definition) => (definition as OperationDefinitionNode).variableDefinitions?.map((variable) => variable.variable.name.value) ?? []),
    );
    expect(Object.keys(tab.variables ? (JSON.parse(tab.variables) as object) : {}).sort()).toEqual([...declared].sort());
  });

  it('run on the demo data: the read anonymously, the mutation as Ada, history then time travel', async () => {
    const [read, mutation, history] = DEFAULT_TABS;
    const workspaces = await app.gql(read!.query);
    expect(workspaces.body.errors).toBeUndefined();
    const edges = workspaces.body.data.workspaces.edges as Array<{ node: { items: Array<{ comments: unknown[]; memberships: unknown[] }> } }>;
    expect(edges.some(({ node }) => node.items.some((item) => item.comments.length > 0 && item.memberships.length > 0))).toBe(true);

    const ada = await app.prisma.member.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    const created = await app.gql(mutation!.query, JSON.parse(mutation!.variables!), await signedInAs(ada.id));
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createItem.errors).toEqual([]);
    expect(created.body.data.createItem.result).toMatchObject({
      title: 'Try the nested mutation',
      workspace: { name: 'Playground' },
      comments: [{ body: 'First comment' }, { body: 'Second comment' }],
      memberships: [{ role: 'ADMIN', member: { name: ada.name } }],
    });

    const document = parse(history!.query);
    const only = (name: string) => ({ ...document, definitions: document.definitions.filter((definition) => (definition as OperationDefinitionNode).name?.value === name) });
    
    const listed = await app.gql(print(only('ItemHistory')));
    expect(listed.body.errors).toBeUndefined();
    const item = listed.body.data.items.edges[0].node as { id: string; version: number; history: { edges: Array<{ node: { version: number; occurredAt: string } }> } };
    expect(item.version).toBeGreaterThan(1);
    expect(item.history.edges.map((edge) => edge.node.version)).toEqual(Array.from({ length: item.version }, (_, i) => i + 1));
    const firstEvent = item.history.edges[0]!.node;
    const travelled = await app.gql(print(only('ItemAsOf')), { id: item.id, asOf: firstEvent.occurredAt });
    expect(travelled.body.errors).toBeUndefined();
    expect(travelled.body.data.then.version).toBe(1);
    expect(travelled.body.data.now.version).toBe(item.version);
  });
});

describe('/', () => {
  it('redirects to GraphiQL, keeping the query string', async () => {
    const response = await app.server.fetch('http://test.local/', { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
    const withQuery = await app.server.fetch('http://test.local/?query=%7B__typename%7D', { redirect: 'manual' });
    expect(withQuery.headers.get('location')).toBe('/graphql?query=%7B__typename%7D');
  });

  it('is not a redirect for other methods, nor are other paths', async () => {
    expect((await app.server.fetch('http://test.local/', { method: 'POST', redirect: 'manual' })).status).not.toBe(302);
    expect((await app.server.fetch('http://test.local/other', { redirect: 'manual' })).status).toBe(404);
  });
});
