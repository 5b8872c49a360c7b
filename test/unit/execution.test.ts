// graphql-jit behind Apollo Server (src/graphql/execution.ts): the errors Apollo gets from
// it must look like graphql-js's, or Apollo misclassifies them or fails formatting them.
import { ApolloServer } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { jitExecution } from '../../src/graphql/execution';

const schema = makeExecutableSchema({
  typeDefs: `
    type Query { city(id: ID!): City, cities: [City!]! }
    type City { id: ID!, name: String!, country: String, failing: String }`,
  resolvers: {
    Query: {
      city: (_: unknown, { id }: { id: string }) => ({ id, name: id === 'nameless' ? null : id }),
      cities: () => [{ id: 'a', name: 'A' }],
    },
    City: {
      country: () => {
        throw new GraphQLError('no country', { extensions: { code: 'NOT_FOUND' } });
      },
      failing: () => {
        throw new Error('a bug');
      },
    },
  },
});

let apollo: ApolloServer;
beforeAll(async () => {
  apollo = new ApolloServer({ gateway: jitExecution(schema) });
  await apollo.start();
});
afterAll(() => apollo.stop());

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { http: response.http, ...response.body.singleResult };
}

describe('jitExecution', () => {
  it('answers like graphql-js', async () => {
    const result = await run('query ($id: ID!) { city(id: $id) { id name } cities { id } }', {
      id: 'x',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ city: { id: 'x', name: 'x' }, cities: [{ id: 'a' }] });
  });

  it('keeps partial data beside a null in a non-null field and a plain Error', async () => {
    const result = await run('{ city(id: "nameless") { id name } cities { id failing } }');
    expect(result.data).toEqual({ city: null, cities: [{ id: 'a', failing: null }] });
    // graphql-jit reports them in the order they happen, not in the order of the fields.
    const errors = [...(result.errors ?? [])].sort((a, b) => a.message.localeCompare(b.message));
    expect(errors).toEqual([
      {
        message: 'a bug',
        locations: [{ line: 1, column: 48 }],
        path: ['cities', 0, 'failing'],
        extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }),
      },
      {
        message: 'Cannot return null for non-nullable field City.name.',
        locations: [{ line: 1, column: 29 }],
        path: ['city', 'name'],
        extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }),
      },
    ]);
  });

  it("keeps a resolver's own error code", async () => {
    const result = await run('{ cities { country } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'no country',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('gives plugins errors they can rewrite (graphql-armor, as in production)', async () => {
    const armor = new ApolloArmor({ blockFieldSuggestion: { enabled: true } }).protect();
    const armored = new ApolloServer({
      gateway: jitExecution(schema),
      plugins: armor.plugins,
      validationRules: armor.validationRules,
    });
    await armored.start();
    try {
      const response = await armored.executeOperation({ query: '{ cities { id country } }' });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(response.http.status).toBeUndefined();
      expect(response.body.singleResult.data).toEqual({ cities: [{ id: 'a', country: null }] });
      expect(response.body.singleResult.errors).toEqual([
        expect.objectContaining({ message: 'no country', extensions: { code: 'NOT_FOUND' } }),
      ]);
    } finally {
      await armored.stop();
    }
  });

  it('answers a bad variable with BAD_USER_INPUT and HTTP 400', async () => {
    const result = await run('query ($id: ID!) { city(id: $id) { id } }', {});
    expect(result.http.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Variable "\$id" of required type "ID!"/);
  });
});

describe('jitExecution and variables', () => {
  it('answers a variable of the wrong type with BAD_USER_INPUT and HTTP 400, naming it', async () => {
    const result = await run('query ($id: ID!) { city(id: $id) { id } }', { id: { no: 'id' } });
    expect(result.http.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$id" got invalid value/);
  });
});
