// Builds the GraphQL IDE (GraphiQL) into graphiql/dist/: one minified JS bundle, one CSS
// file (fonts inlined) and the HTML page, served by the API server at `/graphiql` with
// nothing loaded from a CDN. The operations of contract/operations.graphql are read here,
// at build time, and compiled into the bundle: each opens in its own tab.
// Usage: node scripts/build-graphiql.mjs [--quiet]
import { build } from 'esbuild';
import { parse } from 'graphql';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'graphiql');
const outdir = join(src, 'dist');
const quiet = process.argv.includes('--quiet');

/**
 * The contract's operations in file order, each with its own text exactly as written there
 * (comments and layout kept) and the names of its variables.
 */
async function contractOperations() {
  const text = await readFile(join(root, 'contract', 'operations.graphql'), 'utf8');
  const operations = [];
  for (const definition of parse(text).definitions) {
    if (definition.kind !== 'OperationDefinition' || !definition.name || !definition.loc) continue;
    operations.push({
      name: definition.name.value,
      type: definition.operation,
      text: text.slice(definition.loc.start, definition.loc.end),
      variables: (definition.variableDefinitions ?? []).map((v) => v.variable.name.value),
    });
  }
  if (operations.length === 0) throw new Error('contract/operations.graphql has no operations');
  return operations;
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: { graphiql: join(src, 'src', 'index.ts') },
  outdir,
  entryNames: '[name]',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox115', 'safari16'],
  legalComments: 'external',
  define: {
    'process.env.NODE_ENV': '"production"',
    __CONTRACT_OPERATIONS__: JSON.stringify(await contractOperations()),
  },
  // Only needed for subscriptions over websockets, which this API does not offer: the
  // fetcher imports it lazily when given a subscriptionUrl, and we give none.
  external: ['graphql-ws'],
  logLevel: 'warning',
});
await copyFile(join(src, 'index.html'), join(outdir, 'index.html'));

if (!quiet) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const name of ['graphiql.js', 'graphiql.css', 'index.html']) {
    const bytes = await readFile(join(outdir, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    console.log(
      `${relative(root, join(outdir, name)).padEnd(28)} ${kb(bytes.length).padStart(10)}  gzip ${kb(gzip).padStart(9)}`,
    );
  }
}
