// The curation mutations over real HTTP: API keys, validation, provenance and atomicity.
import { contractOperations } from '../support/contract';
import { gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';
import { fingerprint } from '../support/graph-checksum';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ops = contractOperations();
const auth = { authorization: `Bearer ${TEST_API_KEY}` };
const source = {
  document: 'Protokoll Partnertreffen Leipzig 2012',
  section: 'TOP 1',
  quote: 'Das Partnertreffen findet im März 2012 in Leipzig statt.',
};
const newMeeting = {
  name: 'Partner meeting Leipzig 2012',
  kind: 'PARTNER_MEETING',
  status: 'PLANNED',
  year: 2012,
  date: '2012-03',
  cityId: 'city/leipzig',
  source,
};

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function countOf(label: 'Meeting' | 'Change'): Promise<number> {
  const [row] = await api.db.read<{ n: number }>(`MATCH (n:${label}) RETURN count(n) AS n`);
  return row!.n;
}

async function expectUnchanged(
  run: () => Promise<{ errors?: Row[] }>,
  code: string,
  field?: string,
) {
  const before = await fingerprint(api.db);
  const response = await run();
  expect(response.errors?.[0]?.extensions?.code).toBe(code);
  if (field) expect(response.errors?.[0]?.extensions?.field).toBe(field);
  expect(await fingerprint(api.db)).toEqual(before);
}

describe('authentication', () => {
  it.each([
    ['no key', {}],
    ['a wrong key', { authorization: 'Bearer not-a-key-of-ours' }],
    ['a malformed header', { authorization: TEST_API_KEY }],
  ])('refuses a mutation with %s and changes nothing', async (_case, headers) => {
    await expectUnchanged(
      () =>
        gql(
          api.url,
          ops.get('AssignLead')!,
          { actionId: 'action/swot-analysis', actorId: 'city/genoa' },
          headers,
        ),
      'UNAUTHENTICATED',
    );
    await expectUnchanged(
      () => gql(api.url, ops.get('RecordMeeting')!, { input: newMeeting }, headers),
      'UNAUTHENTICATED',
    );
  });

  it('keeps reads public', async () => {
    const response = await gql<Row>(api.url, '{ cities { id } }');
    expect(response.data?.cities).toHaveLength(5);
  });
});

describe('validation', () => {
  it.each([
    ['a year out of range', { ...newMeeting, year: 12 }, 'input.year'],
    ['a date that is not ISO 8601', { ...newMeeting, date: '03/2012' }, 'input.date'],
    ['a date outside the year', { ...newMeeting, date: '2013-01' }, 'input.date'],
    ['an empty name', { ...newMeeting, name: '   ' }, 'input.name'],
    ['an unknown city', { ...newMeeting, cityId: 'city/atlantis' }, 'input.cityId'],
    ['a venue that is a city', { ...newMeeting, venueId: 'city/genoa' }, 'input.venueId'],
    ['an unknown meeting id to update', { ...newMeeting, id: 'meeting/nowhere-1999' }, 'input.id'],
    ['an empty quote', { ...newMeeting, source: { ...source, quote: '' } }, 'input.source.quote'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, input, field) => {
    await expectUnchanged(
      () => gql(api.url, ops.get('RecordMeeting')!, { input }, auth),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('refuses unknown ids in assignLead', async () => {
    await expectUnchanged(
      () =>
        gql(
          api.url,
          ops.get('AssignLead')!,
          { actionId: 'action/none', actorId: 'city/genoa' },
          auth,
        ),
      'BAD_USER_INPUT',
      'actionId',
    );
    await expectUnchanged(
      () =>
        gql(
          api.url,
          ops.get('AssignLead')!,
          { actionId: 'action/swot-analysis', actorId: 'field/networks' },
          auth,
        ),
      'BAD_USER_INPUT',
      'actorId',
    );
  });
});

describe('RecordMeeting and AssignLead', () => {
  it('records a new meeting with its source, author and place in the timeline', async () => {
    const response = await gql<Row>(
      api.url,
      ops.get('RecordMeeting')!,
      { input: newMeeting },
      auth,
    );
    expect(response.errors).toBeUndefined();
    const meeting = response.data!.upsertMeeting;
    expect(meeting).toMatchObject({
      name: 'Partner meeting Leipzig 2012',
      year: 2012,
      status: 'PLANNED',
      city: { id: 'city/leipzig' },
    });
    expect(meeting.id).toMatch(/^meeting\//);

    const detail = await gql<Row>(
      api.url,
      `query($id: ID!) { meeting(id: $id) { audit { createdBy createdAt } previous { id }
         sources { document section quote } } }`,
      { id: meeting.id },
    );
    expect(detail.data!.meeting.audit.createdBy).toBe('curator');
    expect(new Date(detail.data!.meeting.audit.createdAt).getTime()).toBeGreaterThan(0);
    expect(detail.data!.meeting.sources).toEqual([source]);
    expect(detail.data!.meeting.previous).not.toBeNull();

    // updating by id changes that meeting, creates none
    const meetingsBefore = await countOf('Meeting');
    const update = await gql<Row>(
      api.url,
      ops.get('RecordMeeting')!,
      {
        input: {
          ...newMeeting,
          id: meeting.id,
          status: 'HELD',
          name: 'Partner meeting Leipzig, March 2012',
        },
      },
      auth,
    );
    expect(update.data!.upsertMeeting).toMatchObject({ id: meeting.id, status: 'HELD' });
    expect(await countOf('Meeting')).toBe(meetingsBefore);
    const history = await gql<Row>(
      api.url,
      `query($id: ID!) { changes(entityId: $id) { operation summary } }`,
      { id: meeting.id },
    );
    expect(history.data!.changes).toEqual([
      {
        operation: 'upsertMeeting',
        summary:
          'name: "Partner meeting Leipzig 2012" → "Partner meeting Leipzig, March 2012"; ' +
          'status: "PLANNED" → "HELD"',
      },
      { operation: 'upsertMeeting', summary: 'created Meeting "Partner meeting Leipzig 2012"' },
    ]);
  });

  it('assigns a lead once, however often it is asked', async () => {
    const variables = { actionId: 'action/sala-dogana-exhibition', actorId: 'city/genoa' };
    for (let i = 0; i < 3; i += 1) {
      const response = await gql<Row>(api.url, ops.get('AssignLead')!, variables, auth);
      expect(response.errors).toBeUndefined();
      expect(response.data!.assignLead.leads).toEqual([{ id: 'city/genoa' }]);
    }
    const [row] = await api.db.read<{ leads: number; by: string }>(
      `MATCH (:City {id: 'city/genoa'})-[r:LEADS]->(:Action {id: 'action/sala-dogana-exhibition'})
       RETURN count(r) AS leads, head(collect(r.createdBy)) AS by`,
    );
    expect(row).toEqual({ leads: 1, by: 'curator' });
  });
});

describe('create, update and delete', () => {
  it('creates an action with contributor and lead, updates it, and deletes it', async () => {
    const created = await gql<Row>(
      api.url,
      `mutation($input: ActionInput!) { createAction(input: $input) { id name kind field { id } partOf { id } sources { enteredBy } } }`,
      {
        input: {
          name: 'Final conference',
          nameDe: 'Abschlusskonferenz',
          kind: 'OTHER',
          fieldId: 'field/networks',
          partOfId: 'action/transnational-action-plan',
        },
      },
      auth,
    );
    expect(created.errors).toBeUndefined();
    const action = created.data!.createAction;
    expect(action).toMatchObject({
      id: 'action/final-conference',
      field: { id: 'field/networks' },
      partOf: { id: 'action/transnational-action-plan' },
      sources: [{ enteredBy: 'curator' }],
    });

    const contributor = await gql<Row>(
      api.url,
      `mutation { addContributor(actionId: "action/final-conference", actorId: "institution/hgb-leipzig", role: "exhibition design") { contributors { role actor { id } } } }`,
      {},
      auth,
    );
    expect(contributor.data!.addContributor.contributors).toEqual([
      { role: 'exhibition design', actor: { id: 'institution/hgb-leipzig' } },
    ]);

    const updated = await gql<Row>(
      api.url,
      `mutation { updateAction(id: "action/final-conference", patch: { start: "2013-05", end: "2013-05" }) { name start end } }`,
      {},
      auth,
    );
    expect(updated.data!.updateAction).toEqual({
      name: 'Final conference',
      start: '2013-05',
      end: '2013-05',
    });

    await expectUnchanged(
      () =>
        gql(
          api.url,
          `mutation { updateAction(id: "action/final-conference", patch: { start: "2014", end: "2013" }) { id } }`,
          {},
          auth,
        ),
      'BAD_USER_INPUT',
      'patch.end',
    );

    const deleted = await gql<Row>(
      api.url,
      `mutation { deleteAction(id: "action/final-conference", reason: "a test") { id deleted } }`,
      {},
      auth,
    );
    expect(deleted.data!.deleteAction).toEqual({ id: 'action/final-conference', deleted: true });
    const gone = await gql<Row>(api.url, `{ action(id: "action/final-conference") { id } }`);
    expect(gone.data!.action).toBeNull();
  });

  it('creates, moves and deletes an institution, and manages participants', async () => {
    const created = await gql<Row>(
      api.url,
      `mutation { createInstitution(input: { name: "Genoa University", kind: UNIVERSITY, cityId: "city/genoa",
        source: { document: "Notes", section: "1", quote: "Universität Genua" } }) { id city { id } sources { quote } } }`,
      {},
      auth,
    );
    expect(created.data!.createInstitution).toEqual({
      id: 'institution/genoa-university',
      city: { id: 'city/genoa' },
      sources: [{ quote: 'Universität Genua' }],
    });
    const joined = await gql<Row>(
      api.url,
      `mutation { addParticipant(meetingId: "meeting/genoa-2011", actorId: "institution/genoa-university", role: "guest") { participations { role actor { id } } } }`,
      {},
      auth,
    );
    expect(joined.data!.addParticipant.participations).toContainEqual({
      role: 'guest',
      actor: { id: 'institution/genoa-university' },
    });
    const left = await gql<Row>(
      api.url,
      `mutation { removeParticipant(meetingId: "meeting/genoa-2011", actorId: "institution/genoa-university") { participants { id } } }`,
      {},
      auth,
    );
    expect(left.data!.removeParticipant.participants.map((p: Row) => p.id)).not.toContain(
      'institution/genoa-university',
    );
    const deleted = await gql<Row>(
      api.url,
      `mutation { deleteInstitution(id: "institution/genoa-university", reason: "a test") { deleted } }`,
      {},
      auth,
    );
    expect(deleted.data!.deleteInstitution.deleted).toBe(true);
  });

  it('deletes only with a reason, and changes nothing without one', async () => {
    const blank = await gql<Row>(
      api.url,
      `mutation { deleteAction(id: "action/swot-analysis", reason: "  ") { deleted } }`,
      {},
      auth,
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const none = await gql<Row>(
      api.url,
      `mutation { deleteAction(id: "action/swot-analysis") { deleted } }`,
      {},
      auth,
    );
    expect(none.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const still = await gql<Row>(api.url, `{ action(id: "action/swot-analysis") { id } }`);
    expect(still.data!.action).toEqual({ id: 'action/swot-analysis' });
  });
});

describe('history', () => {
  const changesOf = async (entityId: string) =>
    (
      await gql<Row>(
        api.url,
        `query($entityId: ID) { changes(entityId: $entityId) { id at by operation entityId summary } }`,
        { entityId },
      )
    ).data!.changes as Row[];

  it('records every write with who, when, what and the entity, newest first', async () => {
    const created = await gql<Row>(
      api.url,
      `mutation { createAction(input: { name: "History walk", kind: OTHER }) { id } }`,
      {},
      auth,
    );
    const actionId = created.data!.createAction.id as string;
    await gql(
      api.url,
      `mutation($id: ID!) { updateAction(id: $id, patch: { name: "History walk 2012", start: "2012" }) { id } }`,
      { id: actionId },
      auth,
    );
    await gql(api.url, ops.get('AssignLead')!, { actionId, actorId: 'city/pecs' }, auth);

    const changes = await changesOf(actionId);
    expect(
      changes.map(({ operation, by, entityId, summary }) => [operation, by, entityId, summary]),
    ).toEqual([
      ['assignLead', 'curator', actionId, 'lead city/pecs added'],
      [
        'updateAction',
        'curator',
        actionId,
        'name: "History walk" → "History walk 2012"; start: null → "2012"',
      ],
      ['createAction', 'curator', actionId, 'created Action "History walk"'],
    ]);
    expect(new Set(changes.map((c) => c.id)).size).toBe(3);
    for (const change of changes) expect(new Date(change.at).toISOString()).toBe(change.at);
    expect(changes[0]!.at >= changes[2]!.at).toBe(true);

    // a delete leaves its trace, and the history outlives the entity
    await gql(
      api.url,
      `mutation($id: ID!) { deleteAction(id: $id, reason: "a test") { deleted } }`,
      { id: actionId },
      auth,
    );
    const afterDelete = await changesOf(actionId);
    expect(afterDelete).toHaveLength(4);
    expect(afterDelete[0]).toMatchObject({
      operation: 'deleteAction',
      by: 'curator',
      summary: 'deleted Action "History walk 2012" ("a test")',
    });
  });

  it('records nothing for a refused write', async () => {
    const before = await changesOf('action/swot-analysis');
    await expectUnchanged(
      () =>
        gql(
          api.url,
          ops.get('AssignLead')!,
          { actionId: 'action/swot-analysis', actorId: 'city/atlantis' },
          auth,
        ),
      'BAD_USER_INPUT',
      'actorId',
    );
    expect(await changesOf('action/swot-analysis')).toEqual(before);
  });

  it('lists the changes of all entities, newest first, as many as asked', async () => {
    const response = await gql<Row>(api.url, '{ changes(first: 2) { at entityId } }');
    expect(response.errors).toBeUndefined();
    const changes = response.data!.changes as Row[];
    expect(changes).toHaveLength(2);
    expect(changes[0]!.at >= changes[1]!.at).toBe(true);
    expect(await countOf('Change')).toBeGreaterThan(2);
  });

  it.each([0, 201, -1])(
    'refuses changes(first: %d) with BAD_USER_INPUT naming first',
    async (first) => {
      const response = await gql(api.url, 'query($first: Int) { changes(first: $first) { id } }', {
        first,
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
      expect(response.data).toBeNull();
    },
  );
});
