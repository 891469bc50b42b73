import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: typed documents for front-end apps.
 *
 * Reads the committed SDL (`schema.graphql`, printed by `npm run schema:print`;
 * no server and no network needed) and the operations in `examples/client`,
 * and writes `TypedDocumentNode`s plus their result and variable types, and
 * the trusted-document list `persisted-documents.json`, to
 * `examples/client/generated/`. Run with `npm run codegen`.
 *
 * The output is committed; `test/codegen/client-types.test.ts` fails when it
 * is stale, and type-checks the example client against it.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/client/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'examples/client/generated/': {
      preset: 'client',
      presetConfig: {
        // `graphql()` is the tag function exported by generated/gql.ts.
        gqlTagName: 'graphql',
        // Also writes persisted-documents.json ("sha256:<hex of the text>" ->
        // document text) and gives each document `__meta__.hash`: a server
        // started with TRUSTED_DOCUMENTS pointing at that file runs only those
        // documents, sent as `{ documentId: hash }` (README, "Persisted
        // operations"). The documents keep their text, so they also run on a
        // server that accepts any query.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        // Enums as unions of string literals ('OPEN' | 'DONE'): no runtime code,
        // and the types work with `verbatimModuleSyntax`/`isolatedModules`.
        enumType: 'string-literal',
        useTypeImports: true,
        // Relative imports carry `.js`, so the output compiles under
        // moduleResolution nodenext as well as bundler.
        emitLegacyCommonJSImports: false,
        strictScalars: true,
        scalars: {
          ID: 'string',
          DateTime: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
