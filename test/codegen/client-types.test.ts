/**
 * The generated client types (examples/client/generated/, from codegen.ts) are
 * committed. These tests keep them honest:
 *  (a) the committed files equal a fresh in-process generation from schema.graphql,
 *  (b) the example client type-checks against them with zero diagnostics,
 *  (c) the check has teeth: with `Item.title` renamed to `name2` in a copy of the
 *      SDL, codegen rejects the unchanged operations, and once the operations
 *      follow the rename the example no longer compiles (errors name `title`),
 *  (d) a new `ErrorCode` value breaks the example's exhaustive switch over the codes.
 * Codegen runs in process and writes nothing under the project; (c) uses a
 * temporary directory and an in-memory overlay of examples/client/generated/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Types } from '@graphql-codegen/plugin-helpers';
import ts from 'typescript';
import codegenConfig from '../../codegen';

const root = resolve(__dirname, '../..');
const generatedDir = join(root, 'examples/client/generated');
const exampleTsconfig = join(root, 'examples/client/tsconfig.json');

/**
 * `@graphql-codegen/cli` and the client preset pull in ESM-only packages (yargs,
 * log-symbols, auto-bind, ...) that jest's CommonJS `require` cannot load
 * (jest.config.js transforms nothing in node_modules), and swc turns a plain
 * `import()` into `require()`. A real dynamic import, which jest serves from its
 * ESM loader under --experimental-vm-modules (as `npm test` runs it), loads their
 * ESM builds instead.
 */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
async function importEsm<T>(specifier: string): Promise<T> {
  try {
    return (await dynamicImport(specifier)) as T;
  } catch (error) {
    throw new Error(`Cannot import ${specifier}; run jest with NODE_OPTIONS=--experimental-vm-modules (npm test does). ${String(error)}`);
  }
}

/**
 * Runs codegen.ts in process without writing anything: absolute file name -> content.
 * The CLI would load `preset: 'client'` with a CommonJS require (the same
 * problem), so the ESM build of the preset is passed in as an object.
 */
async function generateInMemory(overrides: Partial<Types.Config> = {}): Promise<Map<string, string>> {
  const { generate } = await importEsm<typeof import('@graphql-codegen/cli')>('@graphql-codegen/cli');
  const { preset: clientPreset } = await importEsm<typeof import('@graphql-codegen/client-preset')>('@graphql-codegen/client-preset');
  const generates = Object.fromEntries(
    Object.entries(codegenConfig.generates).map(([output, target]) => {
      if (Array.isArray(target) || typeof target !== 'object' || target.preset !== 'client') {
        throw new Error(`codegen.ts: expected a client-preset target for ${output}; update this test`);
      }
      return [output, { ...target, preset: clientPreset }];
    }),
  );
  const config: Types.Config & { cwd: string } = { ...codegenConfig, generates, ...overrides, cwd: root, silent: true };
  const outputs = (await generate(config, false)) as Types.FileOutput[];
  return new Map(outputs.map((o) => [resolve(root, o.filename), o.content]));
}

function readExampleTsconfig(): ts.ParsedCommandLine {
  const file = ts.readConfigFile(exampleTsconfig, ts.sys.readFile);
  if (file.error) throw new Error(ts.flattenDiagnosticMessageText(file.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, join(root, 'examples/client'), undefined, exampleTsconfig);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return parsed;
}

/**
 * Type-checks the example client. With `generatedOverride`, the files under
 * examples/client/generated/ are replaced (in memory) by the given ones.
 */
function typeCheckExample(generatedOverride?: Map<string, string>): string[] {
  const parsed = readExampleTsconfig();
  const inGenerated = (f: string) => resolve(f).startsWith(generatedDir + sep);
  let rootNames = parsed.fileNames;
  const host = ts.createCompilerHost(parsed.options, true);
  if (generatedOverride) {
    rootNames = [...rootNames.filter((f) => !inGenerated(f)), ...generatedOverride.keys()];
    const { fileExists, readFile, getSourceFile } = host;
    const override = (f: string) => (inGenerated(f) ? (generatedOverride.get(resolve(f)) ?? null) : undefined);
    host.fileExists = (f) => {
      const o = override(f);
      return o === undefined ? fileExists.call(host, f) : o !== null;
    };
    host.readFile = (f) => {
      const o = override(f);
      return o === undefined ? readFile.call(host, f) : (o ?? undefined);
    };
    host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
      const o = override(f);
      if (o === undefined) return getSourceFile.call(host, f, languageVersion, onError, shouldCreate);
      return o === null ? undefined : ts.createSourceFile(f, o, languageVersion, true);
    };
  }
  const program = ts.createProgram({ rootNames, options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(root, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
  });
}

describe('generated client types (examples/client)', () => {
  it('committed examples/client/generated/ matches a fresh codegen run', async () => {
    const fresh = await generateInMemory();
    expect(fresh.size).toBeGreaterThan(0);
    const committed = new Set(readdirSync(generatedDir).map((name) => join(generatedDir, name)));
    const stale: string[] = [];
    for (const [file, content] of fresh) {
      if (!committed.has(file)) stale.push(`${relative(root, file)} is missing`);
      else if (readFileSync(file, 'utf8') !== content) stale.push(`${relative(root, file)} differs`);
      committed.delete(file);
    }
    for (const extra of committed) stale.push(`${relative(root, extra)} is not generated any more`);
    if (stale.length > 0) {
      throw new Error(`Generated client types are stale; run \`npm run codegen\` and commit the result.\n  ${stale.join('\n  ')}`);
    }
  });

  it('the example client type-checks against the generated types', () => {
    expect(typeCheckExample()).toEqual([]);
  });

  it('a renamed schema field (Item.title -> Item.name2) breaks the example type check', async () => {
    const sdl = readFileSync(join(root, 'schema.graphql'), 'utf8');
    const itemType = /type Item (?:implements \w+ )?\{[\s\S]*?\n\}/.exec(sdl)?.[0];
    expect(itemType).toContain('  title: String!');
    const renamed = sdl.replace(itemType!, itemType!.replace('  title: String!', '  name2: String!'));

    const dir = mkdtempSync(join(tmpdir(), 'codegen-renamed-'));
    try {
      const schemaFile = join(dir, 'schema.graphql');
      writeFileSync(schemaFile, renamed);
      // Unchanged operations already fail at generation (they select Item.title).
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
      try {
        await expect(generateInMemory({ schema: schemaFile })).rejects.toThrow(/Cannot query field "title" on type "Item"/);
      } finally {
        quiet.mockRestore();
      }

      const generated = await generateWithOperationsAdapted(schemaFile, dir);
      expect(generated.get(join(generatedDir, 'graphql.ts'))).toContain('name2: string');
      const diagnostics = typeCheckExample(generated);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.filter((d) => d.startsWith('examples/client/example.ts')).join('\n')).toMatch(
        /TS2339: Property 'title' does not exist on type/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a new ErrorCode value breaks the exhaustive switch of examples/client/error-codes.ts', async () => {
    const sdl = readFileSync(join(root, 'schema.graphql'), 'utf8');
    expect(sdl).toMatch(/\nenum ErrorCode \{\n/);
    const extended = sdl.replace(/\nenum ErrorCode \{\n/, '\nenum ErrorCode {\n  BRAND_NEW\n');
    const dir = mkdtempSync(join(tmpdir(), 'codegen-error-code-'));
    try {
      const schemaFile = join(dir, 'schema.graphql');
      writeFileSync(schemaFile, extended);
      const generated = await generateInMemory({ schema: schemaFile });
      expect(generated.get(join(generatedDir, 'graphql.ts'))).toContain("'BRAND_NEW'");
      const diagnostics = typeCheckExample(generated);
      expect(diagnostics).toEqual([expect.stringMatching(/^examples\/client\/error-codes\.ts:\d+:\d+ TS2322: Type '"BRAND_NEW"' is not assignable to type 'never'/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Codegen validates documents against the schema, so operations that still
 * select `Item.title` would fail before any types are written. Like a front-end
 * team following the rename, rewrite the selections (`title` -> `name2` inside
 * items) in a temporary copy of the operations, and generate from that.
 */
async function generateWithOperationsAdapted(schemaFile: string, dir: string): Promise<Map<string, string>> {
  const operations = readdirSync(join(root, 'examples/client')).filter((f) => f.endsWith('.graphql'));
  for (const name of operations) {
    const source = readFileSync(join(root, 'examples/client', name), 'utf8');
    writeFileSync(join(dir, name), source.replace(/\btitle\b/g, 'name2'));
  }
  return generateInMemory({ schema: schemaFile, documents: [join(dir, '*.graphql')] });
}
