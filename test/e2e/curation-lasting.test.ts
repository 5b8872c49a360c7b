// Knowledge that lasts (issue 14), over real HTTP and the real Neo4j: a curator renames a report
// meeting, assigns a lead and retracts an institution; the annotations change (a country's
// English name, the renamed meeting's name, a lead dropped); the API restarts and reloads: the
// curator's work survives, the changed name is loaded, the dropped lead is gone, the conflict is
// in the printed summary, and the history shows all of it. Restore brings the institution back.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { createDatabase } from '../../src/db/database';
import { buildReportGraph, DEFAULT_DATA_DIR } from '../../src/ingest/build-graph';
import type { GraphData } from '../../src/ingest/graph-data';
import { writeGraph } from '../../src/ingest/load-graph';
import { ensureReportLoaded, loadSources } from '../../src/ingest/load-report';
import { factFileSource } from '../../src/sources/facts';
import { ENTITY_RELATIONSHIP_TYPES, linkIdentity } from '../../src/model';
import { reportSource } from '../../src/sources/report';
import type { SourcePlugin } from '../../src/sources/types';
import { gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';
import { neo4jTestEnv } from '../support/neo4j-env';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const auth = { authorization: `Bearer ${TEST_API_KEY}` };
const [REPORT] = reportSource.documentIds() as [string];

/** These tests load the documents several times: more than the default minute on a busy machine. */
const LOADS_TIMEOUT_MS = 600_000;

let api: TestApi;
let dataDir: string;

/** The registered sources, with the report's annotations read from `dir`. */
const sourcesFrom = (dir: string): SourcePlugin[] => [
  { ...reportSource, read: () => buildReportGraph({ dataDir: dir }) } as SourcePlugin,
  factFileSource() as SourcePlugin,
];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'annotations-'));
  cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
  api = await startTestApi();
}, LOADS_TIMEOUT_MS);
afterAll(async () => {
  await api?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function mutate(query: string, variables: Record<string, unknown> = {}) {
  const response = await gql<Row>(api.url, query, variables, auth);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function read(query: string, variables: Record<string, unknown> = {}) {
  const response = await gql<Row>(api.url, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** Edits one YAML file of the copied annotations. */
function editAnnotations<T>(file: string, edit: (data: T) => void) {
  const filePath = path.join(dataDir, file);
  const data = parse(readFileSync(filePath, 'utf8')) as T;
  edit(data);
  writeFileSync(filePath, stringify(data));
}

/** Stops the API, starts again as `npm start` does (load, then serve); the load's log lines. */
async function restart(): Promise<{ outcome: string; logged: Row[] }> {
  await api.stop();
  const logged: Row[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => logged.push(JSON.parse(line) as Row) },
  );
  const db = createDatabase(neo4jTestEnv());
  const outcome = await ensureReportLoaded(db, logger, sourcesFrom(dataDir)).finally(() =>
    db.close(),
  );
  api = await startTestApi({ reset: false });
  return { outcome, logged };
}

const INSTITUTION = `query($id: ID!) {
  institution(id: $id) {
    id name city { id } memberOf { id } members { id } meetings { id }
    leads { id } contributesTo { id }
  }
}`;

it(
  'keeps a rename, a lead and a retraction through a changed report, and restores',
  async () => {
    // The first start loads every source.
    expect((await restart()).outcome).toBe('loaded');

    // What the curator works on, picked from the graph: a report meeting, an action and an actor
    // that does not lead it, an institution with relationships, a lead only the report states.
    const [meeting] = await api.db.read<Row>(
      `MATCH (m:Meeting)-[:HELD_IN]->(c:City) WHERE $report IN m.documentIds
       AND NOT EXISTS { (m)-[:AT_VENUE]->() }
     RETURN m.id AS id, m.name AS name, m.nameDe AS nameDe, m.kind AS kind, m.status AS status,
       m.year AS year, m.date AS date, c.id AS cityId ORDER BY m.id LIMIT 1`,
      { report: REPORT },
    );
    const [lead] = await api.db.read<Row>(
      `MATCH (a:Action), (c:City) WHERE $report IN a.documentIds AND NOT EXISTS { (c)-[:LEADS]->(a) }
     RETURN a.id AS actionId, c.id AS actorId ORDER BY a.id, c.id LIMIT 1`,
      { report: REPORT },
    );
    const [institution] = await api.db.read<Row>(
      `MATCH (i:Institution)-[:BASED_IN]->(:City)
     WHERE $report IN i.documentIds AND EXISTS { (i)-[:MEMBER_OF|TOOK_PART_IN|CONTRIBUTES_TO]-() }
     RETURN i.id AS id, i.name AS name ORDER BY i.id LIMIT 1`,
      { report: REPORT },
    );
    const [dropped] = await api.db.read<Row>(
      `MATCH (x)-[r:LEADS]->(a:Action) WHERE r.documentIds = [$report] AND a.id <> $actionId
       AND NOT x.id IN [$institutionId, $actorId]
     RETURN x.id AS actorId, a.id AS actionId ORDER BY a.id, x.id LIMIT 1`,
      { report: REPORT, ...lead, institutionId: institution!.id },
    );
    const [country] = parse(readFileSync(path.join(dataDir, 'countries.yaml'), 'utf8')) as Row[];
    expect([meeting, lead, institution, dropped, country]).not.toContain(undefined);
    const before = (await read(INSTITUTION, { id: institution!.id })).institution;
    const [{ inferred: meetingInferred }] = (await api.db.read<Row>(
      'MATCH (m:Meeting {id: $id}) RETURN m.inferred AS inferred',
      { id: meeting!.id },
    )) as [Row];

    // The curator's work.
    const renamed = `${meeting!.name as string} (renamed by a curator)`;
    await mutate(`mutation($input: MeetingInput!) { upsertMeeting(input: $input) { id } }`, {
      input: {
        ...meeting,
        name: renamed,
        source: { document: 'Minutes', section: '1', quote: 'renamed' },
      },
    });
    await mutate(`mutation($a: ID!, $x: ID!) { assignLead(actionId: $a, actorId: $x) { id } }`, {
      a: lead!.actionId,
      x: lead!.actorId,
    });
    const deleted = await mutate(
      `mutation($id: ID!) { deleteInstitution(id: $id, reason: "not a partner") { id deleted } }`,
      { id: institution!.id },
    );
    expect(deleted.deleteInstitution).toEqual({ id: institution!.id, deleted: true });

    // The retracted institution is out of every read.
    const hidden = async () => {
      const id = institution!.id as string;
      const data = await read(
        `query($id: ID!, $city: ID!, $text: String!) {
        institution(id: $id) { id }
        entity(id: $id) { id }
        institutions { id }
        search(text: $text, first: 50) { entity { id } }
        neighbourhood(id: $city, depth: 2, limit: 500) { nodes { id } relationships { from to } }
      }`,
        { id, city: before.city.id, text: institution!.name },
      );
      expect(data.institution).toBeNull();
      expect(data.entity).toBeNull();
      expect(data.institutions.map((i: Row) => i.id)).not.toContain(id);
      expect(data.search.map((hit: Row) => hit.entity.id)).not.toContain(id);
      expect(data.neighbourhood.nodes.map((n: Row) => n.id)).not.toContain(id);
      const path = await gql(
        api.url,
        `query($from: ID!, $to: ID!) { connection(fromId: $from, toId: $to) { length } }`,
        { from: before.city.id, to: id },
      );
      expect(path.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    };
    await hidden();

    // The annotations change: a country's English name, the renamed meeting's name, a lead dropped.
    const countryName = `${country!.name as string} (renamed in the annotations)`;
    const reportName = `${meeting!.name as string} (renamed in the annotations)`;
    editAnnotations('countries.yaml', (countries: Row[]) => {
      countries[0]!.name = countryName;
    });
    editAnnotations('meetings.yaml', (file: Row) => {
      file.meetings.find((m: Row) => m.id === meeting!.id).name = reportName;
    });
    editAnnotations('actions.yaml', (actions: Row[]) => {
      const action = actions.find((a) => a.id === dropped!.actionId)!;
      action.leads = action.leads.filter((l: Row) => l.id !== dropped!.actorId);
    });

    const { outcome, logged } = await restart();
    expect(outcome).toBe('loaded');

    // The summary was printed: what the load changed and the conflict with the curated name.
    const summary = logged.find((line) => /^source report loaded: /.test(line.msg))!;
    expect(summary.source).toBe('report');
    expect(summary.updated).toMatchObject({ Country: 1 });
    expect(summary.removed).toMatchObject({ LEADS: 1 });
    expect(summary.conflicts).toEqual([
      { id: meeting!.id, property: 'name', curated: renamed, stated: reportName },
    ]);
    expect(summary.msg).toContain(`${meeting!.id as string} name (curated "${renamed}"`);

    // The rename, the lead and the retraction survive; the changed name is loaded; the lead the
    // report no longer states is gone.
    const after = await read(
      `query($meeting: ID!, $country: ID!, $action: ID!, $dropped: ID!) {
      meeting(id: $meeting) { name claims { property value basis preferred } }
      country: entity(id: $country) { name }
      action(id: $action) { leads { id } }
      dropped: action(id: $dropped) { leads { id } }
    }`,
      {
        meeting: meeting!.id,
        country: country!.id,
        action: lead!.actionId,
        dropped: dropped!.actionId,
      },
    );
    expect(after.meeting.name).toBe(renamed);
    expect(after.meeting.claims).toEqual(
      expect.arrayContaining([
        { property: 'name', value: renamed, basis: 'CURATED', preferred: true },
        {
          property: 'name',
          value: reportName,
          basis: meetingInferred ? 'INFERRED' : 'STATED',
          preferred: false,
        },
      ]),
    );
    expect(after.country.name).toBe(countryName);
    expect(after.action.leads).toContainEqual({ id: lead!.actorId });
    expect(after.dropped.leads).not.toContainEqual({ id: dropped!.actorId });
    await hidden();

    // The history shows all of it.
    const { changes } = await read(`{ changes(first: 50) { by operation entityId summary } }`);
    const find = (operation: string, entityId: string) =>
      changes.find((c: Row) => c.operation === operation && c.entityId === entityId);
    expect(find('upsertMeeting', meeting!.id).summary).toContain(
      `name: ${JSON.stringify(meeting!.name)}`,
    );
    expect(find('assignLead', lead!.actionId).summary).toContain(lead!.actorId);
    expect(find('deleteInstitution', institution!.id).summary).toBe(
      `retracted Institution ${JSON.stringify(institution!.name)} ("not a partner")`,
    );
    expect(find('load', REPORT)).toMatchObject({ by: 'load' });
    expect(find('load', REPORT).summary).toContain('removed 1 LEADS');

    // Restore brings the institution back with its relationships, and is in the history.
    const restored = await mutate(
      `mutation($id: ID!) { restore(id: $id, reason: "a partner after all") {
      __typename ... on Institution { id name city { id } } } }`,
      { id: institution!.id },
    );
    expect(restored.restore).toEqual({
      __typename: 'Institution',
      id: institution!.id,
      name: institution!.name,
      city: before.city,
    });
    expect((await read(INSTITUTION, { id: institution!.id })).institution).toEqual(before);
    const [restore] = (
      await read(`query($id: ID!) { changes(entityId: $id, first: 1) { operation summary } }`, {
        id: institution!.id,
      })
    ).changes;
    expect(restore).toEqual({
      operation: 'restore',
      summary: `restored Institution ${JSON.stringify(institution!.name)} ("a partner after all")`,
    });

    // Loading the same data again changes nothing and records no change.
    const countChanges = async () =>
      (await api.db.read<Row>('MATCH (c:Change) RETURN count(c) AS n'))[0]!.n as number;
    const changesBefore = await countChanges();
    for (let time = 0; time < 2; time++) {
      const loads = await loadSources(api.db, {}, sourcesFrom(dataDir));
      expect(loads.map(({ source, changed }) => ({ source, changed }))).toEqual(
        loads.map(({ source }) => ({ source, changed: false })),
      );
    }
    expect(await countChanges()).toBe(changesBefore);
  },
  LOADS_TIMEOUT_MS,
);

it(
  'removes what a document no longer states, unless another document or a curator states it',
  async () => {
    const institution = (id: string) => ({
      labels: ['Entity', 'Institution'],
      id,
      props: { name: id, kind: 'OTHER' },
    });
    const [a, b, c] = ['a', 'b', 'c'].map((x) => institution(`institution/lasting-test-${x}`)) as [
      ReturnType<typeof institution>,
      ReturnType<typeof institution>,
      ReturnType<typeof institution>,
    ];
    const action = {
      labels: ['Entity', 'Action'],
      id: 'action/lasting-test',
      props: { name: 'Lasting test', kind: 'OTHER' },
    };
    const contributes = (actor: { id: string }) => ({
      type: 'CONTRIBUTES_TO',
      from: actor.id,
      to: action.id,
      props: { role: 'stated role', sourceIds: [] },
    });
    const one = { id: 'document/lasting-test-one', title: 'One' };
    const two = { id: 'document/lasting-test-two', title: 'Two' };
    const load = (document: typeof one, nodes: Row[], relationships: Row[]) =>
      writeGraph(api.db, { document, nodes, relationships } as GraphData);
    const contributors = async () =>
      (
        await read(`query($id: ID!) { action(id: $id) { contributors { actor { id } } } }`, {
          id: action.id,
        })
      ).action.contributors
        .map((c: Row) => c.actor.id)
        .sort();

    try {
      await load(one, [a, b, c, action], [contributes(a), contributes(b)]);
      await load(two, [a, action], [contributes(a)]);
      // a curator changes b's contribution
      await mutate(
        `mutation($a: ID!, $x: ID!) {
          addContributor(actionId: $a, actorId: $x, role: "curated role") { id } }`,
        { a: action.id, x: b.id },
      );
      expect(await contributors()).toEqual([a.id, b.id]);

      // Document one states neither contribution and not c any more: a's stays (document two
      // states it), b's stays (a curator changed it), c goes.
      const first = await load(one, [a, b, action], []);
      expect(first).toMatchObject({ changed: true, removed: { Institution: 1 } });
      expect(await contributors()).toEqual([a.id, b.id]);
      expect((await read(INSTITUTION, { id: c.id })).institution).toBeNull();

      // Document two drops a's contribution: nothing states it now.
      const second = await load(two, [a, action], []);
      expect(second).toMatchObject({ changed: true, removed: { CONTRIBUTES_TO: 1 } });
      expect(await contributors()).toEqual([b.id]);

      // The same again: nothing to do.
      const again = await load(two, [a, action], []);
      expect([again.changed, again.added, again.updated, again.removed]).toEqual([
        false,
        {},
        {},
        {},
      ]);
    } finally {
      await api.db.write(
        `MATCH (n) WHERE n.id STARTS WITH 'institution/lasting-test' OR n.id = $action
       DETACH DELETE n`,
        { action: action.id },
      );
    }
  },
  LOADS_TIMEOUT_MS,
);

it(
  'keeps a stated lead a curator removed out of reloads, until a curator assigns it again',
  async () => {
    const [lead] = await api.db.read<Row>(
      `MATCH (x)-[r:LEADS]->(a:Action) WHERE $report IN r.documentIds
     RETURN x.id AS actorId, a.id AS actionId ORDER BY a.id, x.id LIMIT 1`,
      { report: REPORT },
    );
    const leaders = async () =>
      (
        await read(`query($id: ID!) { action(id: $id) { leads { id } } }`, { id: lead!.actionId })
      ).action.leads.map((l: Row) => l.id);
    const vars = { a: lead!.actionId, x: lead!.actorId };

    await mutate(
      `mutation($a: ID!, $x: ID!) { removeLead(actionId: $a, actorId: $x) { id } }`,
      vars,
    );
    const retracted = await api.db.read<Row>(
      'MATCH (l:RetractedLink {id: $id}) RETURN l.by AS by',
      {
        id: linkIdentity(lead!.actorId, 'LEADS', lead!.actionId),
      },
    );
    expect(retracted).toEqual([{ by: 'curator' }]);
    await loadSources(api.db, {}, sourcesFrom(dataDir));
    expect(await leaders()).not.toContain(lead!.actorId);
    const [change] = (
      await read(`query($id: ID!) { changes(entityId: $id, first: 1) { summary } }`, {
        id: lead!.actionId,
      })
    ).changes;
    expect(change.summary).toBe(`lead ${lead!.actorId as string} removed (retracted)`);

    await mutate(
      `mutation($a: ID!, $x: ID!) { assignLead(actionId: $a, actorId: $x) { id } }`,
      vars,
    );
    await loadSources(api.db, {}, sourcesFrom(dataDir));
    expect(await leaders()).toContain(lead!.actorId);
    const [left] = await api.db.read<Row>(
      'MATCH (l:RetractedLink {id: $id}) RETURN count(l) AS retractions',
      { id: linkIdentity(lead!.actorId, 'LEADS', lead!.actionId) },
    );
    expect(left).toEqual({ retractions: 0 });
  },
  LOADS_TIMEOUT_MS,
);

it('finds a path round a retracted entity, and through it again once restored', async () => {
  // An institution the report states, and two of its neighbours whose one shortest path runs
  // through it: a search over every node would find that path still.
  const walk = ENTITY_RELATIONSHIP_TYPES.join('|');
  const [around] = await api.db.read<Row>(
    `MATCH (x:Entity)-[:${walk}]-(i:Institution)-[:${walk}]-(y:Entity)
     WHERE $report IN i.documentIds AND x.id < y.id AND NOT EXISTS { (x)-[:${walk}]-(y) }
       AND NOT EXISTS { (x)-[:${walk}]-(m)-[:${walk}]-(y) WHERE m <> i }
     RETURN i.id AS id, x.id AS from, y.id AS to ORDER BY id, from, to LIMIT 1`,
    { report: REPORT },
  );
  expect(around).toBeDefined();
  const { id, from, to } = around as { id: string; from: string; to: string };
  const connection = async () =>
    (
      await read(
        `query($from: ID!, $to: ID!) { connection(fromId: $from, toId: $to) { length nodes { id } } }`,
        { from, to },
      )
    ).connection;
  const through = { length: 2, nodes: [{ id: from }, { id }, { id: to }] };
  expect(await connection()).toEqual(through);

  const deleted = await mutate(
    `mutation($id: ID!) { deleteInstitution(id: $id, reason: "not a partner") { id deleted } }`,
    { id },
  );
  expect(deleted.deleteInstitution).toEqual({ id, deleted: true });
  const round = await connection();
  expect(round?.nodes.map((node: Row) => node.id) ?? []).not.toContain(id);
  expect(round === null || round.length > 2).toBe(true);

  await mutate(`mutation($id: ID!) { restore(id: $id, reason: "a partner after all") { id } }`, {
    id,
  });
  expect(await connection()).toEqual(through);
});
