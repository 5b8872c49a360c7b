// No duplicates: a second entity of the same kind, folded name (and city) is a CONFLICT naming
// the one that exists, and a retried mutation with its Idempotency-Key gets its first answer.
import { contractOperations } from '../support/contract';
import { gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ops = contractOperations();
const auth = { authorization: `Bearer ${TEST_API_KEY}` };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const countOf = async (label: string) =>
  (await api.db.read<{ n: number }>(`MATCH (n:${label}) RETURN count(n) AS n`))[0]!.n;

describe('folded names', () => {
  it('refuses a second action named like one that exists, naming it', async () => {
    const create = (name: string) =>
      gql<Row>(
        api.url,
        `mutation($name: String!) { createAction(input: { name: $name, kind: OTHER }) { id } }`,
        { name },
        auth,
      );
    const first = await create('Café Lab Tour');
    expect(first.errors).toBeUndefined();
    const id = first.data!.createAction.id as string;
    const actions = await countOf('Action');
    const second = await create('  cafe lab  TOUR ');
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', existingId: id });
    expect(await countOf('Action')).toBe(actions);
  });

  it('tells institutions apart by their city', async () => {
    const create = (cityId: string) =>
      gql<Row>(
        api.url,
        `mutation($cityId: ID) { createInstitution(input: { name: "Film Archive", kind: OTHER, cityId: $cityId }) { id } }`,
        { cityId },
        auth,
      );
    const genoa = await create('city/genoa');
    expect(genoa.errors).toBeUndefined();
    expect((await create('city/pecs')).errors).toBeUndefined();
    expect((await create('city/genoa')).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      existingId: genoa.data!.createInstitution.id,
    });
  });

  it('refuses upsertMeeting without an id for a meeting that exists', async () => {
    const input = {
      name: 'Duplicate check meeting',
      kind: 'PARTNER_MEETING',
      status: 'PLANNED',
      year: 2014,
      cityId: 'city/gdansk',
      source: { document: 'Notes', section: '2', quote: 'Treffen in Danzig' },
    };
    const first = await gql<Row>(api.url, ops.get('RecordMeeting')!, { input }, auth);
    expect(first.errors).toBeUndefined();
    const again = await gql<Row>(
      api.url,
      ops.get('RecordMeeting')!,
      { input: { ...input, name: 'DUPLICATE check meeting' } },
      auth,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      existingId: first.data!.upsertMeeting.id,
    });
  });
});

describe('Idempotency-Key', () => {
  const create = (key: string, name: string) =>
    gql<Row>(
      api.url,
      `mutation($name: String!) { createAction(input: { name: $name, kind: OTHER }) { id name } }`,
      { name },
      { ...auth, 'idempotency-key': key },
    );

  it('answers a retry with the first answer and writes once', async () => {
    const first = await create('retry-1', 'Retried action');
    expect(first.errors).toBeUndefined();
    const changes = await countOf('Change');
    const retry = await create('retry-1', 'Retried action');
    expect(retry).toEqual(first);
    expect(await countOf('Change')).toBe(changes);
    const [stored] = await api.db.read<Row>(
      `MATCH (i:Idempotency {key: 'retry-1'}) RETURN i.by AS by, i.at AS at`,
    );
    expect(stored!.by).toBe('curator');
  });

  it('refuses the same key with another request', async () => {
    expect((await create('retry-2', 'One action')).errors).toBeUndefined();
    const other = await create('retry-2', 'Another action');
    expect(other).toEqual({
      status: 200,
      errors: [
        {
          message: "Idempotency-Key 'retry-2' was used for another request.",
          extensions: { code: 'CONFLICT' },
        },
      ],
    });
    expect(
      (await gql<Row>(api.url, `{ action(id: "action/another-action") { id } }`)).data!.action,
    ).toBeNull();
  });
});
