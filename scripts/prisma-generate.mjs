// Generates the Prisma client (src/generated/prisma) without network access.
//
// `prisma generate` first tries to download the native schema engine. When no
// engine is installed we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file,
// which skips the download; the generated `prisma-client` output needs no native
// engine at run time. A machine that has the engine, or sets the variable itself,
// is left alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };

function nativeEngineInstalled() {
  const dir = join(root, 'node_modules', '@prisma', 'engines');
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => name.startsWith('schema-engine'));
}

if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeEngineInstalled()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
env.CHECKPOINT_DISABLE = '1';

const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', join(root, 'prisma', 'schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
