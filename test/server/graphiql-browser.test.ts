import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { DEFAULT_TABS } from '../../src/server/graphiql/default-tabs';
import { listenOnLoopback, startTestApp, type TestApp } from '../support/app';

/**
 * The playground in a real browser with the network cut off: headless
 * Chromium (Debian's package; `.ci/run` installs it) may reach 127.0.0.1
 * only, and every other host name fails to resolve. The page must still
 * render GraphiQL with the example tabs, the first one's operation and the
 * demo-member hint in its editor. Skipped where Chromium is not installed.
 */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const withBrowser = CHROMIUM ? describe : describe.skip;

withBrowser('GraphiQL in headless Chromium, offline', () => {
  jest.setTimeout(90_000);
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

  it('renders the editor holding the example, with every example tab', async () => {
    const { stdout } = await promisify(execFile)(CHROMIUM!, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--virtual-time-budget=15000', '--dump-dom', url,
    ], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    // The rendered document, without the inlined bundle's scripts and styles.
    const body = stdout.slice(stdout.indexOf('<body')).replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '');
    expect(body).toContain('graphiql-container');
    const editorText = body.slice(body.indexOf('view-lines')).replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ');
    expect(editorText).toMatch(/npm\s+run\s+token/);
    expect(editorText).toContain('WorkspacesWithItems');
    const tabNames = [...body.matchAll(/graphiql-tab-button[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(tabNames).toEqual(DEFAULT_TABS.map((tab) => /(?:query|mutation)\s+(\w+)/.exec(tab.query)![1]));
  });
});
