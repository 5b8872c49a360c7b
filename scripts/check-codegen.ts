// Fails when a generated file is not what codegen makes of schema.graphql now: the server's
// types (src/generated/) and the explorer's operations and their types (web/src/generated/).
// Generating also validates the explorer's operations against the schema.
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';

async function main() {
  const root = path.join(__dirname, '..');
  const outputs = await generate({ ...config, cwd: root, silent: true }, false);
  const stale = outputs.filter(
    (output: { filename: string; content: string }) =>
      !fs.existsSync(path.resolve(root, output.filename)) ||
      fs.readFileSync(path.resolve(root, output.filename), 'utf8') !== output.content,
  );
  for (const output of stale) console.error(`stale: ${output.filename} (run npm run codegen)`);
  if (stale.length) process.exit(1);
  console.log("codegen: generated files match schema.graphql and the explorer's operations");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
