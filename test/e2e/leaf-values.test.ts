// graphql-jit runs with leaf serialization off (src/graphql/execution.ts): strings, numbers,
// booleans and enum names go out as the read path decoded them. That is only right if the read
// path already returns every leaf as graphql-js would serialize it. So every read operation of
// the contract is answered over HTTP by the API and executed by graphql-js itself (with its
// serializers) over the same schema, resolvers and database: the answers must be equal.
import fs from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse } from 'graphql';
import pino from 'pino';
import type { Context } from '../../src/graphql/context';
import { resolvers } from '../../src/graphql/resolvers';
import { SCHEMA_PATH } from '../../src/graphql/server';
import { createRepositories } from '../../src/repositories';
import { contractOperations, READ_VARIABLES } from '../support/contract';
import { gql, startTestApi, type TestApi } from '../support/api-server';

const ops = contractOperations();
const reads = [...ops.entries()]
  .filter(([, text]) =>
    parse(text).definitions.some((d) => 'operation' in d && d.operation === 'query'),
  )
  .map(([name]) => name);

const schema = makeExecutableSchema({ typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'), resolvers });

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

it('every read operation of the contract has its variables here', () => {
  expect(reads.length).toBeGreaterThan(10);
  expect(reads.filter((name) => !(name in READ_VARIABLES))).toEqual([]);
});

it.each(reads)('%s: the API answers as graphql-js with its serializers does', async (name) => {
  const context: Context = {
    db: api.db,
    repos: createRepositories(api.db),
    caller: null,
    requestId: 'leaf-values',
    logger: pino({ level: 'silent' }),
  };
  const expected = await execute({
    schema,
    document: parse(ops.get(name)!),
    contextValue: context,
    variableValues: READ_VARIABLES[name],
  });
  expect(expected.errors).toBeUndefined();
  const response = await gql(api.url, ops.get(name)!, READ_VARIABLES[name]);
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual(JSON.parse(JSON.stringify(expected.data)));
});
