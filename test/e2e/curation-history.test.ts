// History is a record of changes only: a write that changes nothing records nothing and leaves
// the audit (updatedAt) alone, and no write removes a Change.
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

async function stateOf(id: string): Promise<{ changes: number; updatedAt: unknown }> {
  const [row] = await api.db.read<{ changes: number; updatedAt: unknown }>(
    `OPTIONAL MATCH (n:Entity {id: $id})
     RETURN COUNT { (c:Change {entityId: $id}) } AS changes, n.updatedAt AS updatedAt`,
    { id },
  );
  return row!;
}

async function mutate(query: string, variables: Record<string, unknown> = {}) {
  const response = await gql<Row>(api.url, query, variables, auth);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** Runs the write once (it changes something), then again: the second changes nothing. */
async function expectRepeatChangesNothing(id: string, write: () => Promise<unknown>) {
  const before = await stateOf(id);
  await write();
  const afterFirst = await stateOf(id);
  expect(afterFirst.changes).toBe(before.changes + 1);
  expect(afterFirst.updatedAt).not.toBe(before.updatedAt);
  await write();
  expect(await stateOf(id)).toEqual(afterFirst);
}

describe('a write that changes nothing', () => {
  it('updateAction with the values it has', async () => {
    await expectRepeatChangesNothing('action/swot-analysis', () =>
      mutate(
        `mutation { updateAction(id: "action/swot-analysis", patch: { start: "2011", nameDe: "SWOT" }) { id } }`,
      ),
    );
  });

  it('updateInstitution with the values it has', async () => {
    await expectRepeatChangesNothing('institution/hgb-leipzig', () =>
      mutate(
        `mutation { updateInstitution(id: "institution/hgb-leipzig", patch: { cityId: "city/genoa" }) { id } }`,
      ),
    );
  });

  it('upsertMeeting with the fields it has', async () => {
    const input = {
      name: 'Repeat meeting',
      kind: 'PARTNER_MEETING',
      status: 'PLANNED',
      year: 2013,
      cityId: 'city/pecs',
      source: { document: 'Notes', section: '1', quote: 'Treffen in Pécs' },
    };
    const { upsertMeeting } = await mutate(ops.get('RecordMeeting')!, { input });
    const id = upsertMeeting.id as string;
    await expectRepeatChangesNothing(id, () =>
      mutate(ops.get('RecordMeeting')!, { input: { ...input, id, status: 'HELD' } }),
    );
  });

  it('assignLead of a lead it has, removeLead of one it has not', async () => {
    const variables = { actionId: 'action/swot-analysis', actorId: 'city/ljubljana' };
    await expectRepeatChangesNothing('action/swot-analysis', () =>
      mutate(ops.get('AssignLead')!, variables),
    );
    await expectRepeatChangesNothing('action/swot-analysis', () =>
      mutate(
        `mutation($actionId: ID!, $actorId: ID!) { removeLead(actionId: $actionId, actorId: $actorId) { id } }`,
        variables,
      ),
    );
  });
});

it('keeps every Change, even of a deleted entity', async () => {
  const countChanges = async () =>
    (await api.db.read<{ n: number }>('MATCH (c:Change) RETURN count(c) AS n'))[0]!.n;
  const { createInstitution } = await mutate(
    `mutation { createInstitution(input: { name: "Short-lived", kind: OTHER }) { id } }`,
  );
  const id = createInstitution.id as string;
  const before = await countChanges();
  await mutate(
    `mutation($id: ID!) { deleteInstitution(id: $id, reason: "entered by mistake") { deleted } }`,
    { id },
  );
  expect(await countChanges()).toBe(before + 1);
  const history = await gql<Row>(
    api.url,
    `query($id: ID!) { changes(entityId: $id) { operation summary } }`,
    { id },
  );
  expect(history.data!.changes).toEqual([
    {
      operation: 'deleteInstitution',
      summary: 'deleted Institution "Short-lived" ("entered by mistake")',
    },
    { operation: 'createInstitution', summary: 'created Institution "Short-lived"' },
  ]);
});
