// Every contract operation through Apollo Client's InMemoryCache, with the real server's answers
// over real HTTP: each answer is written to the cache and read back unchanged, and the cache warns
// about nothing (no lost data, no missing fields). Also: GraphRelationship ids are the graph's own.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isInterfaceType,
  isObjectType,
  parse,
  print,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { TypePolicies } from '@apollo/client/core';
import { contractOperations, READ_VARIABLES } from '../support/contract';
import {
  dataOf,
  gql,
  resetGraph,
  startTestApi,
  TEST_API_KEY,
  type TestApi,
} from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const schema = buildSchema(
  fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);

/** The object types without an id (root types aside): values of their parent in the cache. */
const roots = [schema.getQueryType()?.name, schema.getMutationType()?.name];
const VALUE_TYPES = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .filter((type) => !type.name.startsWith('__') && !roots.includes(type.name))
  .filter((type) => !('id' in type.getFields()))
  .map((type) => type.name)
  .sort();

/** The type policies README.md ("Client caching") gives clients: types without an id are values. */
const CLIENT_TYPE_POLICIES: TypePolicies = Object.fromEntries(
  VALUE_TYPES.map((name) => [name, { keyFields: false }]),
);

/** Each interface's object types, for fragments on interfaces (`... on Institution`). */
const possibleTypes = Object.fromEntries(
  Object.values(schema.getTypeMap())
    .filter(isInterfaceType)
    .map((type) => [type.name, schema.getPossibleTypes(type).map((t) => t.name)]),
);

/** Every operation with variables that reach real data; curation last, then the history. */
const { History: history, ...reads } = READ_VARIABLES;
const VARIABLES: Record<string, Row> = {
  ...reads,
  RecordMeeting: {
    input: {
      name: 'Partner meeting Leipzig 2012',
      kind: 'PARTNER_MEETING',
      status: 'PLANNED',
      year: 2012,
      date: '2012-03',
      cityId: 'city/leipzig',
      source: {
        document: 'Protokoll Partnertreffen Leipzig 2012',
        section: 'TOP 1',
        quote: 'Das Partnertreffen findet im März 2012 in Leipzig statt.',
      },
    },
  },
  AssignLead: { actionId: 'action/sala-dogana-exhibition', actorId: 'city/genoa' },
  History: history!,
};

// Loading the graph takes long on a busy machine: the hooks and the reload get more than jest's 60 s.
const LOADING = 180_000;

const isMutation = (document: DocumentNode) =>
  document.definitions.some(
    (d) =>
      d.kind === 'OperationDefinition' && (d as OperationDefinitionNode).operation === 'mutation',
  );

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, LOADING);
afterAll(async () => {
  await api?.stop();
});

describe('Apollo Client InMemoryCache', () => {
  it('caches every contract operation as the server answers it, without a warning', async () => {
    // Apollo Client checks and warns only in development builds; its messages are loaded apart.
    (globalThis as { __DEV__?: boolean }).__DEV__ = true;
    const { InMemoryCache } = await import('@apollo/client/core');
    const { loadDevMessages, loadErrorMessages } = await import('@apollo/client/dev');
    loadDevMessages();
    loadErrorMessages();
    const warnings: unknown[][] = [];
    for (const level of ['warn', 'error'] as const) {
      jest.spyOn(console, level).mockImplementation((...args) => void warnings.push(args));
    }

    const cache = new InMemoryCache({ possibleTypes, typePolicies: CLIENT_TYPE_POLICIES });
    const ops = contractOperations();
    expect([...ops.keys()].sort()).toEqual(Object.keys(VARIABLES).sort());
    const written: Array<{ query: DocumentNode; variables: Row }> = [];
    for (const [name, variables] of Object.entries(VARIABLES)) {
      // What Apollo Client sends: the operation with __typename added where the cache needs it.
      const query = cache.transformDocument(parse(ops.get(name)!));
      const response = await gql<Row>(api.url, print(query), variables, {
        authorization: `Bearer ${TEST_API_KEY}`,
      });
      expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
      if (isMutation(query)) {
        // As Apollo Client stores a mutation's answer: its objects normalized, under ROOT_MUTATION.
        cache.write({ dataId: 'ROOT_MUTATION', query, variables, result: response.data! });
        continue;
      }
      cache.writeQuery({ query, variables, data: response.data! });
      expect({ name, read: cache.readQuery({ query, variables }) }).toEqual({
        name,
        read: response.data,
      });
      written.push({ query, variables });
    }
    // Later answers updated the cache without losing what earlier queries read.
    for (const { query, variables } of written) {
      expect(cache.readQuery({ query, variables })).not.toBeNull();
    }
    // The mutations' answers reached what queries read, through the normalized objects.
    const meeting = cache.readFragment<Row>({
      id: 'Meeting:meeting/partner-meeting-leipzig-2012-2012',
      fragment: parse('fragment NewMeeting on Meeting { name year }'),
    });
    expect(meeting).toEqual({
      __typename: 'Meeting',
      name: 'Partner meeting Leipzig 2012',
      year: 2012,
    });
    const whoLeadsWhat = cache.transformDocument(parse(ops.get('WhoLeadsWhat')!));
    const { actions } = cache.readQuery<Row>({ query: whoLeadsWhat })!;
    const exhibition = actions.find((a: Row) => a.id === 'action/sala-dogana-exhibition');
    expect(exhibition.leads.map((l: Row) => l.id)).toContain('city/genoa');
    expect(warnings).toEqual([]);
  });

  it("README's client type policies list exactly the object types without an id", () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const list = /const valueTypes = \[([^\]]*)\]/.exec(readme)?.[1] ?? '';
    const listed = [...list.matchAll(/'(\w+)'/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual(VALUE_TYPES);
  });
});

describe('GraphRelationship.id', () => {
  const query = `{ neighbourhood(id: "city/leipzig", depth: 2) { relationships { id type from to role } } }`;
  const idsOf = async () => {
    const { neighbourhood } = await dataOf(api.url, query);
    return neighbourhood.relationships as Row[];
  };

  it(
    'is made of the graph ids, the same after a reload and a restart, and never an elementId',
    async () => {
      await resetGraph(api.db); // as loaded: without what the cache test curated
      const before = await idsOf();
      expect(before.length).toBeGreaterThan(10);
      for (const r of before) expect(r.id).toBe(`${r.from}|${r.type}|${r.to}`);

      await resetGraph(api.db);
      await api.stop();
      api = await startTestApi({ reset: false });
      const after = await idsOf();
      expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());

      const elementIds = await api.db.read<{ id: string }>(
        'MATCH ()-[r]->() RETURN elementId(r) AS id',
      );
      const stored = new Set(elementIds.map((row) => row.id));
      expect(stored.size).toBeGreaterThan(0);
      for (const r of after) {
        expect(stored.has(r.id)).toBe(false);
        for (const elementId of stored) expect(r.id).not.toContain(elementId);
      }
    },
    LOADING,
  );
});
