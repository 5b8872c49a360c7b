// Curated facts survive reloads of the report: a property a curator changed is not overwritten
// (the node lists it in curatedProperties), a link a curator made is not removed, and the
// properties no curator touched are still loaded from the report.
import { loadReport } from '../../src/ingest';
import { gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const auth = { authorization: `Bearer ${TEST_API_KEY}` };
const ACTION = 'action/swot-analysis';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function mutate(query: string, variables: Record<string, unknown> = {}) {
  const response = await gql<Row>(api.url, query, variables, auth);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

it('keeps a rename and a lead through a reload, and still loads what no curator changed', async () => {
  const [report] = await api.db.read<Row>(
    `MATCH (a:Action {id: $id}) RETURN a.name AS name, a.nameDe AS nameDe`,
    { id: ACTION },
  );
  await mutate(
    `mutation($id: ID!) { updateAction(id: $id, patch: { name: "SWOT analysis (curated)" }) { id } }`,
    { id: ACTION },
  );
  await mutate(
    `mutation($id: ID!) { assignLead(actionId: $id, actorId: "city/ljubljana") { id } }`,
    { id: ACTION },
  );
  // a property no curator touched, changed behind the report's back: the reload repairs it
  await api.db.write(`MATCH (a:Action {id: $id}) SET a.nameDe = 'stale'`, { id: ACTION });

  await loadReport(api.db);

  const [after] = await api.db.read<Row>(
    `MATCH (a:Action {id: $id})
     RETURN a.name AS name, a.nameDe AS nameDe, a.curatedProperties AS curated,
       EXISTS { (:City {id: 'city/ljubljana'})-[:LEADS]->(a) } AS lead`,
    { id: ACTION },
  );
  expect(after).toEqual({
    name: 'SWOT analysis (curated)',
    nameDe: report!.nameDe,
    curated: ['name'],
    lead: true,
  });
  expect(report!.name).not.toBe(after!.name);

  const read = await gql<Row>(
    api.url,
    `query($id: ID!) { action(id: $id) { name leads { id } } }`,
    {
      id: ACTION,
    },
  );
  expect(read.data!.action.name).toBe('SWOT analysis (curated)');
  expect(read.data!.action.leads).toContainEqual({ id: 'city/ljubljana' });
});

it('keeps the fields a curator changed in a report meeting through a reload', async () => {
  const [meeting] = await api.db.read<Row>(
    `MATCH (m:Meeting)-[:HELD_IN]->(c:City) WHERE NOT EXISTS { (m)-[:AT_VENUE]->() }
     RETURN m.id AS id, m.name AS name, m.nameDe AS nameDe, m.kind AS kind, m.status AS status,
       m.year AS year, m.date AS date, c.id AS cityId ORDER BY m.id LIMIT 1`,
  );
  await mutate(`mutation($input: MeetingInput!) { upsertMeeting(input: $input) { id } }`, {
    input: {
      ...meeting,
      name: `${meeting!.name as string} (renamed)`,
      source: { document: 'Notes', section: '3', quote: 'umbenannt' },
    },
  });
  await loadReport(api.db);
  const [after] = await api.db.read<Row>(
    `MATCH (m:Meeting {id: $id}) RETURN m.name AS name, m.curatedProperties AS curated`,
    { id: meeting!.id },
  );
  expect(after).toEqual({ name: `${meeting!.name as string} (renamed)`, curated: ['name'] });
});
