import type { ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { GraphData } from '../../../src/ingest/graph-data';
import { LOAD_UNCURATED_PROPERTIES, writeGraph } from '../../../src/ingest/load-graph';
import { cypherStatements } from '../../../src/ingest/schema';

type Run = {
  cypher: string;
  rows: Array<Record<string, unknown>>;
  params: Record<string, unknown>;
};

/** A query's result as the driver gives it: records, and counters that report a write. */
const result = (get: (key: string) => unknown, records = [{ get }]) => ({
  records,
  summary: { counters: { containsUpdates: () => true } },
});

/**
 * What an empty database answers, every row written: no node found, nothing retracted and no
 * conflict, and each count the number of rows.
 */
const answerFor = (rows: unknown[]) => (key: string) => {
  if (key === 'found') return false;
  if (['nodes', 'links', 'conflicts'].includes(key)) return [];
  return neo4j.int(rows.length);
};
const isStep = (cypher: string) => cypher.startsWith('UNWIND');
/** The record of a node CREATE made (its row starts with the id): the id, and "element:" + id. */
const createdRecord = (row: unknown[]) => ({
  get: (key: string) => (key === 'id' ? row[0] : `element:${String(row[0])}`),
});

/** A stand-in for the db module that records the queries of each transaction. */
function recordingDb() {
  const transactions: Run[][] = [];
  return {
    transactions,
    async writeTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
      const runs: Run[] = [];
      transactions.push(runs);
      const tx = {
        run: async (cypher: string, params: Record<string, unknown> = {}) => {
          const rows = (params.rows as Array<Record<string, unknown>> | undefined) ?? [];
          runs.push({ cypher, rows, params });
          // a CREATE of nodes returns each one's element id
          if (cypher.includes('elementId(n) AS element')) {
            return result(answerFor(rows), (rows as unknown as unknown[][]).map(createdRecord));
          }
          return result(answerFor(rows));
        },
      };
      return work(tx as unknown as ManagedTransaction);
    },
  };
}

const data: GraphData = {
  nodes: [
    { labels: ['Entity', 'City'], id: 'city/a', props: { name: 'A', order: 3, score: 0.5 } },
    { labels: ['City', 'Entity'], id: 'city/b', props: { name: 'B' } },
    { labels: ['Statement'], id: 'statement/x', props: { text: 'x' } },
  ],
  relationships: [
    { type: 'MENTIONS', from: 'statement/x', to: 'city/a', props: {} },
    { type: 'NEXT', from: 'city/a', to: 'city/b', props: { sourceIds: ['s'] }, key: 'k1' },
  ],
};

describe('writeGraph', () => {
  it('writes everything in one transaction, nodes before relationships, grouped by labels', async () => {
    const db = recordingDb();
    await expect(writeGraph(db, data)).resolves.toMatchObject({
      nodes: 3,
      relationships: 2,
      changed: true,
    });
    expect(db.transactions).toHaveLength(1);
    const runs = db.transactions[0] ?? [];
    // first what curators retracted (left out of the steps), then the steps: MERGE each row
    // after looking whether it exists (the summary's "added"), and SET only what differs
    expect(runs[0]?.cypher).toMatch(/MATCH \(n:Retracted\)[\s\S]*MATCH \(l:RetractedLink\)/);
    const steps = runs.slice(1);
    expect(steps.slice(0, 2).map((run) => run.cypher)).toEqual([
      'UNWIND $rows AS row\nOPTIONAL MATCH (old:`Entity` {id: row.id})\nWITH row, old IS NULL AS added\n' +
        'MERGE (n:`Entity` {id: row.id})\nSET n:`City`\n' +
        LOAD_UNCURATED_PROPERTIES,
      'UNWIND $rows AS row\nOPTIONAL MATCH (old:`Statement` {id: row.id})\nWITH row, old IS NULL AS added\n' +
        'MERGE (n:`Statement` {id: row.id})\n' +
        LOAD_UNCURATED_PROPERTIES,
    ]);
    expect(steps[2]?.cypher).toContain(
      'MATCH (a:`Statement` {id: row.from})\nMATCH (b:`Entity` {id: row.to})\n' +
        'OPTIONAL MATCH (a)-[old:`MENTIONS`]->(b)\nWITH row, a, b, old IS NULL AS added\n' +
        'MERGE (a)-[r:`MENTIONS`]->(b)\n',
    );
    expect(steps[3]?.cypher).toContain('MERGE (a)-[r:`NEXT` {key: row.key}]->(b)\n');
    expect(steps).toHaveLength(4);
    expect(steps[0]?.rows.map((row) => row.id)).toEqual(['city/a', 'city/b']);
  });

  it("lists a document's load in its elements' documentIds and removes what it states no more", async () => {
    const db = recordingDb();
    const document = { id: 'document/a', title: 'A' };
    await writeGraph(db, { ...data, document }, { intoEmptyDatabase: true });
    const created = db.transactions[0] ?? [];
    expect(created[1]?.cypher).toContain('n.documentIds = [$document]\n');
    expect(created[4]?.cypher).toContain('r.documentIds = [$document]\n');
    expect(created[4]?.params.document).toBe('document/a');

    const merged = recordingDb();
    await writeGraph(merged, { ...data, document });
    const runs = merged.transactions[0] ?? [];
    const cyphers = runs.map((run) => run.cypher);
    const removals = cyphers.filter(
      (cypher) =>
        cypher.includes('NOT n.id IN $stated') || cypher.includes('IN $stated\nSET r.documentIds'),
    );
    expect(removals).toHaveLength(2);
    // the load's entry in the history, last in its transaction
    expect(runs.at(-1)?.params).toEqual({
      id: expect.stringMatching(/^change\//),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      by: 'load',
      operation: 'load',
      entityId: 'document/a',
      summary: expect.stringMatching(/^loaded A: added /),
    });
  });

  it('batches, and commits batch by batch when asked', async () => {
    const db = recordingDb();
    await writeGraph(db, data, { batchSize: 1, singleTransaction: false });
    // the first reads what curators retracted
    expect(db.transactions).toHaveLength(6);
    const batches = db.transactions.slice(1);
    expect(batches.every((runs) => runs.length === 1 && runs[0]?.rows.length === 1)).toBe(true);
  });

  it('CREATEs into an empty database, after checking that it is empty', async () => {
    const db = recordingDb();
    await writeGraph(db, data, { intoEmptyDatabase: true });
    const runs = db.transactions[0] ?? [];
    const created = 'RETURN row[0] AS id, elementId(n) AS element';
    const ends = 'MATCH (a) WHERE elementId(a) = row[0]\nMATCH (b) WHERE elementId(b) = row[1]';
    // each property the group has is SET by name from its place in the row (a list)
    expect(runs.map((run) => run.cypher)).toEqual([
      'RETURN EXISTS { MATCH (n) } AS found',
      'UNWIND $rows AS row\nCREATE (n:`City`:`Entity`)\n' +
        'SET n.id = row[0], n.`name` = row[1], n.`order` = row[2], n.`score` = row[3]\n' +
        created,
      `UNWIND $rows AS row\nCREATE (n:\`Statement\`)\nSET n.id = row[0], n.\`text\` = row[1]\n${created}`,
      // a group without properties SETs none
      `UNWIND $rows AS row\n${ends}\n` +
        'CREATE (a)-[r:`MENTIONS`]->(b)\nRETURN count(r) AS written',
      `UNWIND $rows AS row\n${ends}\n` +
        'CREATE (a)-[r:`NEXT`]->(b)\n' +
        'SET r.`sourceIds` = row[2], r.`key` = row[3]\n' +
        'RETURN count(r) AS written',
    ]);
    // a property a node of the group lacks is null (SET to null: not written)
    expect(runs[1]?.rows).toEqual([
      ['city/a', 'A', 3, 0.5],
      ['city/b', 'B', null, null],
    ]);
    // the relationships find their ends by the element ids the node steps returned
    expect(runs[3]?.rows[0]).toEqual(['element:statement/x', 'element:city/a']);
    expect(runs[4]?.rows[0]).toEqual(['element:city/a', 'element:city/b', ['s'], 'k1']);
  });

  it('quotes the property names it SETs, a backtick in one doubled', async () => {
    const db = recordingDb();
    const odd = {
      ...data,
      relationships: [
        { type: 'MENTIONS', from: 'statement/x', to: 'city/a', props: { 'a` = 1 //': 1 } },
      ],
    };
    await writeGraph(db, odd, { intoEmptyDatabase: true });
    expect(db.transactions[0]?.[3]?.cypher).toContain('SET r.`a`` = 1 //` = row[2]\n');
  });

  it("CREATEs a keyed relationship's key last, and an unkeyed one's property named key as it is", async () => {
    const db = recordingDb();
    const keys = {
      ...data,
      relationships: [
        { type: 'MENTIONS', from: 'statement/x', to: 'city/a', props: { key: 'p' } },
        { type: 'NEXT', from: 'city/a', to: 'city/b', props: { key: 'p', n: 1 }, key: 'k1' },
      ],
    };
    await writeGraph(db, keys, { intoEmptyDatabase: true });
    const [mentions, next] = (db.transactions[0] ?? []).slice(3);
    expect(mentions?.cypher).toContain('SET r.`key` = row[2]\n');
    expect(mentions?.rows[0]).toEqual(['element:statement/x', 'element:city/a', 'p']);
    expect(next?.cypher).toContain('SET r.`n` = row[2], r.`key` = row[3]\n');
    expect(next?.rows[0]).toEqual(['element:city/a', 'element:city/b', 1, 'k1']);
  });

  it('refuses to CREATE into a database that is not empty, or data that names a thing twice', async () => {
    const db = recordingDb();
    const notEmpty = {
      async writeTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
        const tx = { run: async () => result(() => true) };
        return work(tx as unknown as ManagedTransaction);
      },
    };
    await expect(writeGraph(notEmpty, data, { intoEmptyDatabase: true })).rejects.toThrow(
      /the database is not empty/,
    );
    const twice = { ...data, nodes: [...data.nodes, data.nodes[0]!] };
    await expect(writeGraph(db, twice, { intoEmptyDatabase: true })).rejects.toThrow(
      /node city\/a is in the data twice/,
    );
    const relTwice = { ...data, relationships: [...data.relationships, data.relationships[0]!] };
    await expect(writeGraph(db, relTwice, { intoEmptyDatabase: true })).rejects.toThrow(
      /relationship \(statement\/x\)-\[:MENTIONS \]->\(city\/a\) is in the data twice/,
    );
    // the same ends with another key are another relationship; with the same key, the same
    const next = data.relationships[1]!;
    const thrice = {
      ...data,
      relationships: [...data.relationships, { ...next, key: 'k2' }, { ...next, key: 'k2' }],
    };
    await expect(writeGraph(db, thrice, { intoEmptyDatabase: true })).rejects.toThrow(
      /relationship \(city\/a\)-\[:NEXT k2\]->\(city\/b\) is in the data twice/,
    );
    expect(db.transactions).toHaveLength(0);
    const other = { ...data, relationships: [...data.relationships, { ...next, key: 'k2' }] };
    await expect(writeGraph(db, other, { intoEmptyDatabase: true })).resolves.toMatchObject({
      relationships: 3,
    });
  });

  it('commits up to `concurrency` batches at once, all nodes before any relationship', async () => {
    let open = 0;
    let mostOpen = 0;
    const order: string[] = [];
    const slow = {
      async writeTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
        open++;
        mostOpen = Math.max(mostOpen, open);
        try {
          const tx = {
            run: async (cypher: string, params?: { rows: unknown[] }) => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              if (isStep(cypher)) order.push(cypher.includes('MATCH (a') ? 'relationship' : 'node');
              return result(answerFor(params?.rows ?? []));
            },
          };
          return await work(tx as unknown as ManagedTransaction);
        } finally {
          open--;
        }
      },
    };
    await writeGraph(slow, data, { batchSize: 1, singleTransaction: false, concurrency: 2 });
    expect(mostOpen).toBe(2);
    expect(order).toEqual(['node', 'node', 'node', 'relationship', 'relationship']);
  });

  it('stops starting batches after one fails, and reports that failure', async () => {
    let started = 0;
    const failing = {
      async writeTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
        const tx = {
          run: async (cypher: string) => {
            if (!isStep(cypher)) return result(answerFor([]));
            started++;
            throw new Error('Neo4j said no');
          },
        };
        return work(tx as unknown as ManagedTransaction);
      },
    };
    await expect(
      writeGraph(failing, data, { batchSize: 1, singleTransaction: false, concurrency: 2 }),
    ).rejects.toThrow('Neo4j said no');
    expect(started).toBe(2);
    await expect(writeGraph(failing, data, { concurrency: 0 })).rejects.toThrow(
      /invalid concurrency 0/,
    );
  });

  it('refuses labels and types outside the model before touching the database', async () => {
    const db = recordingDb();
    const badLabel = {
      ...data,
      nodes: [{ labels: ['City`) DETACH DELETE n //'], id: 'x', props: {} }],
    };
    await expect(writeGraph(db, badLabel)).rejects.toThrow(/not in the graph model/);
    const badType = {
      ...data,
      relationships: [{ type: 'KNOWS', from: 'city/a', to: 'city/b', props: {} }],
    };
    await expect(writeGraph(db, badType)).rejects.toThrow(/"KNOWS" is not in the graph model/);
    const dangling = {
      ...data,
      relationships: [{ type: 'NEXT', from: 'city/a', to: 'city/zz', props: {} }],
    };
    await expect(writeGraph(db, dangling)).rejects.toThrow(/node city\/zz is not in the graph/);
    expect(db.transactions).toHaveLength(0);
  });

  it('fails when the database wrote fewer relationships than asked', async () => {
    const db = recordingDb();
    const lossy = {
      async writeTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
        const tx = {
          run: async (_: string, params?: { rows: unknown[] }) =>
            result((key) =>
              key === 'written' ? neo4j.int(0) : answerFor(params?.rows ?? [])(key),
            ),
        };
        return work(tx as unknown as ManagedTransaction);
      },
    };
    await expect(writeGraph(lossy, data)).rejects.toThrow(/wrote 0 of 1 :MENTIONS relationships/);
    expect(db.transactions).toHaveLength(0);
  });
});

describe('cypherStatements', () => {
  it('splits a .cypher file at line-ending semicolons and drops comment lines', () => {
    const text = '// title\nMATCH (n)\nRETURN n;\n\n// next\nRETURN "a;b" AS x;\n';
    expect(cypherStatements(text)).toEqual(['MATCH (n)\nRETURN n', 'RETURN "a;b" AS x']);
  });
});
