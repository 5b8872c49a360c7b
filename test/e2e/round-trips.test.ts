// No N+1: the database round trips of each contract read operation do not grow with the
// number of results. Counted on the report's graph, then again after the graph has grown.
import { contractOperations } from '../support/contract';
import { gql, startTestApi, type TestApi } from '../support/api-server';

const ops = contractOperations();
const variables: Record<string, Record<string, unknown>> = {
  Partners: { cityId: 'city/leipzig' },
  Search: { text: 'Leipzig', first: 20 },
  Connection: { fromId: 'institution/hgb-leipzig', toId: 'city/genoa' },
  Neighbourhood: { id: 'city/leipzig', depth: 2 },
  Provenance: { id: 'action/transnational-study' },
  ProjectPartners: { id: 'project/creative-cities' },
  Memberships: { id: 'institution/interdepartmental-working-group-leipzig' },
  MeetingParticipants: { id: 'meeting/leipzig-2010' },
  EntityClaims: { id: 'action/transnational-study' },
  EdgeDetails: { id: 'action/transnational-action-plan' },
};
// Documents and History read what other parts of issue 13 add (Document nodes, the history).
const notYet = ['Documents', 'History'];
const reads = [...ops.keys()].filter(
  (name) => !['RecordMeeting', 'AssignLead', ...notYet].includes(name),
);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function roundTripsOf(name: string): Promise<number> {
  api.roundTrips.count = 0;
  const response = await gql(api.url, ops.get(name)!, variables[name] ?? {});
  expect(response.errors).toBeUndefined();
  return api.roundTrips.count;
}

/** Many more actions, institutions and meetings, all tied to Leipzig and to each other. */
async function growGraph(): Promise<void> {
  await api.db.write(
    `MATCH (leipzig:City {id: 'city/leipzig'}), (genoa:City {id: 'city/genoa'}),
           (field:FieldOfAction {id: 'field/networks'})
     UNWIND range(1, 40) AS i
     CREATE (a:Entity:Action {id: 'action/grown-' + i, name: 'Leipzig grown action ' + i, kind: 'OTHER'})
     CREATE (inst:Entity:Institution {id: 'institution/grown-' + i, name: 'Leipzig grown office ' + i,
       kind: 'MUNICIPAL_OFFICE'})
     CREATE (m:Entity:Meeting {id: 'meeting/grown-' + i, name: 'Leipzig grown meeting ' + i,
       kind: 'PARTNER_MEETING', status: 'HELD', year: 2013, date: '2013', order: 100 + i})
     CREATE (inst)-[:BASED_IN]->(leipzig), (inst)-[:LEADS]->(a), (genoa)-[:CONTRIBUTES_TO {role: 'r'}]->(a),
       (a)-[:IN_FIELD]->(field), (m)-[:HELD_IN]->(leipzig), (m)-[:ADDRESSED]->(a),
       (leipzig)-[:TOOK_PART_IN]->(m), (genoa)-[:TOOK_PART_IN]->(m)`,
  );
}

describe('database round trips per contract operation', () => {
  it('stay constant as the graph grows', async () => {
    const before: Record<string, number> = {};
    for (const name of reads) before[name] = await roundTripsOf(name);
    await growGraph();
    const after: Record<string, number> = {};
    for (const name of reads) after[name] = await roundTripsOf(name);

    console.log(
      'round trips per operation:\n' +
        reads.map((name) => `  ${name.padEnd(16)} ${before[name]} → ${after[name]}`).join('\n'),
    );
    expect(after).toEqual(before);
    // One query answers each operation, nested fields included.
    for (const name of reads) expect(before[name]).toBe(1);
    expect(reads).toHaveLength(15);
  });
});
