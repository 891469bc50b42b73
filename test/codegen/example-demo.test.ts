import { demo } from '../../examples/client/example';
import { listenOnLoopback, startTestApp, type TestApp } from '../support/app';
import { signedInAs } from '../support/tokens';

/** The example client's walk-through, over real HTTP, signed in with a token as its README says. */
let app: TestApp;
let http: Awaited<ReturnType<typeof listenOnLoopback>>;
let url: string;
beforeAll(async () => {
  app = await startTestApp();
  http = await listenOnLoopback(app.server);
  url = http.url;
});
afterAll(async () => {
  await http.close();
  await app.dispose();
});

it('runs demo() against a server with a member token: create, validation error, update, list, destroy', async () => {
  const { body } = await app.gql('mutation { createMember(input: { name: "Demo", email: "demo@client.test" }) { result { id } } }');
  const token = (await signedInAs(body.data.createMember.result.id)).authorization!.replace('Bearer ', '');
  const lines: string[] = [];
  await demo({ url, token }, (line) => lines.push(line));
  expect(lines[0]).toMatch(/^INVALID_INPUT \[title\]: /);
  expect(lines[1]).toBe('created Try the typed client v1 (open)');
  expect(lines[2]).toMatch(/^retitled to v2: Tried the typed client — Example client /);
  expect(lines.at(-1)).toBe('destroyed "Tried the typed client"');
});

it('without a token, the walk-through stops at its first write with FORBIDDEN', async () => {
  await expect(demo(url, () => {})).rejects.toThrow(/^FORBIDDEN: /);
});
