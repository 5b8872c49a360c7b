// Builds the explorer page into web/dist/: one minified JS bundle, one CSS file and the
// HTML page, all served by the API server at `/` (no CDN: everything is in the bundle).
// Usage: node scripts/build-web.mjs [--watch] [--quiet]
import { build, context } from 'esbuild';
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const outdir = join(web, 'dist');
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  entryPoints: { app: join(web, 'src/main.ts'), 'app-style': join(web, 'src/styles.css') },
  outdir,
  entryNames: '[name]',
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['chrome110', 'firefox115', 'safari16'],
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
};

async function sizes() {
  const rows = [];
  for (const name of ['app.js', 'app.css', 'index.html']) {
    const bytes = await readFile(join(outdir, name));
    rows.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

async function finish() {
  // The CSS entry is emitted as app-style.css; the page links app.css.
  await copyFile(join(outdir, 'app-style.css'), join(outdir, 'app.css'));
  await rm(join(outdir, 'app-style.css'));
  await rm(join(outdir, 'app-style.css.map'), { force: true });
  await copyFile(join(web, 'index.html'), join(outdir, 'index.html'));
  if (quiet) return;
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const row of await sizes()) {
    console.log(
      `${relative(root, join(outdir, row.name)).padEnd(22)} ${kb(row.raw).padStart(10)}  gzip ${kb(row.gzip).padStart(9)}`,
    );
  }
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
if (watch) {
  const ctx = await context({
    ...options,
    plugins: [{ name: 'finish', setup: (b) => b.onEnd(() => finish().catch(console.error)) }],
  });
  await ctx.watch();
  console.log('watching web/src for changes…');
} else {
  await build(options);
  await finish();
  await stat(join(outdir, 'app.js'));
}
