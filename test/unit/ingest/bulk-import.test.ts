// The import CSV of src/ingest/bulk-import.ts: what Neo4j's importer reads, as writeGraph would
// store it (types per column, the id as property `id`, a relationship's key as property `key`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { combineGraphs, writeImportCsv } from '../../../src/ingest/bulk-import';
import type { GraphData } from '../../../src/ingest/graph-data';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bulk-unit-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n');

const graph: GraphData = {
  nodes: [
    { labels: ['City', 'Entity'], id: 'city/a', props: { name: 'A "the first"', year: 2011 } },
    { labels: ['Entity', 'City'], id: 'city/b', props: { name: 'B', year: 2012, note: null } },
    { labels: ['Entity', 'Meeting'], id: 'meeting/m', props: { name: 'M', score: 0.5 } },
  ],
  relationships: [
    {
      type: 'TOOK_PART_IN',
      from: 'city/a',
      to: 'meeting/m',
      props: { role: 'host', sourceIds: ['source/1', 'source/2'] },
      key: 'k1',
    },
    {
      type: 'TOOK_PART_IN',
      from: 'city/b',
      to: 'meeting/m',
      props: { role: 'partner', x: undefined },
    },
  ],
};

describe('import CSV', () => {
  test('a file per label set and property shape, typed columns, quoted strings', async () => {
    const csv = await writeImportCsv([graph], dir);
    expect(csv).toMatchObject({ nodeCount: 3, relationshipCount: 2 });
    expect(csv.format.multilineFields).toBe(false);
    // The two cities share labels and shape (null is no value): one file.
    expect(csv.nodes.map((n) => n.labels)).toEqual([
      ['City', 'Entity'],
      ['Entity', 'Meeting'],
    ]);
    expect(read(csv.nodes[0]!.file)).toEqual([
      ':ID,id:string,name:string,year:long',
      '0,"city/a","A ""the first""",2011',
      '1,"city/b","B",2012',
    ]);
    expect(read(csv.nodes[1]!.file)).toEqual([
      ':ID,id:string,name:string,score:double',
      '2,"meeting/m","M",0.5',
    ]);
    // The keyed relationship has a column more: a file of its own, the key as its property.
    expect(csv.relationships.map((r) => r.type)).toEqual(['TOOK_PART_IN', 'TOOK_PART_IN']);
    expect(read(csv.relationships[0]!.file)).toEqual([
      ':START_ID,:END_ID,key:string,role:string,sourceIds:string[]',
      `0,2,"k1","host","source/1${csv.format.arrayDelimiter}source/2"`,
    ]);
    expect(read(csv.relationships[1]!.file)).toEqual([
      ':START_ID,:END_ID,role:string',
      '1,2,"partner"',
    ]);
  });

  test('empty lists are left out of the CSV and listed, to be set after the import', async () => {
    const csv = await writeImportCsv(
      [
        {
          nodes: [
            { labels: ['Source'], id: 's', props: { aliases: [], quote: 'q' } },
            { labels: ['Source'], id: 'a', props: { quote: 'q' } },
            { labels: ['Source'], id: 'b', props: { quote: 'q' } },
          ],
          relationships: [
            { type: 'MENTIONS', from: 'a', to: 'b', key: 'k', props: { sourceIds: [] } },
          ],
        },
      ],
      dir,
    );
    expect(read(csv.nodes[0]!.file)).toEqual([
      ':ID,id:string,quote:string',
      '0,"s","q"',
      '1,"a","q"',
      '2,"b","q"',
    ]);
    expect(read(csv.relationships[0]!.file)).toEqual([':START_ID,:END_ID,key:string', '1,2,"k"']);
    expect(csv.emptyLists).toEqual({
      nodes: [{ id: 's', property: 'aliases' }],
      relationships: [{ type: 'MENTIONS', from: 'a', to: 'b', key: 'k', property: 'sourceIds' }],
    });
  });

  test('a value across lines turns on multi-line fields', async () => {
    const csv = await writeImportCsv(
      [
        {
          nodes: [{ labels: ['Statement'], id: 's', props: { text: 'one\ntwo' } }],
          relationships: [],
        },
      ],
      dir,
    );
    expect(csv.format.multilineFields).toBe(true);
  });

  test.each([
    [{ labels: ['Nope'], id: 'x', props: {} }, /label "Nope" is not in the graph model/],
    [
      { labels: ['Source'], id: 'x', props: { list: ['a', 1] } },
      /^node x, property list: a list of mixed types cannot be stored$/,
    ],
    [
      { labels: ['Source'], id: 'x', props: { map: { a: 1 } } },
      /^node x, property map: a object cannot be stored as a property$/,
    ],
  ])('refuses what it cannot write as writeGraph would store it: %j', async (node, message) => {
    await expect(writeImportCsv([{ nodes: [node], relationships: [] }], dir)).rejects.toThrow(
      message,
    );
  });

  test('numbers nodes in the order met, a relationship possibly before its ends', async () => {
    const csv = await writeImportCsv(
      [
        {
          nodes: [{ labels: ['Source'], id: 'a', props: {} }],
          relationships: [{ type: 'MENTIONS', from: 'a', to: 'b', props: {} }],
        },
        { nodes: [{ labels: ['Source'], id: 'b', props: {} }], relationships: [] },
      ],
      dir,
    );
    expect(read(csv.nodes[0]!.file)).toEqual([':ID,id:string', '0,"a"', '1,"b"']);
    expect(read(csv.relationships[0]!.file)).toEqual([':START_ID,:END_ID', '0,1']);
  });

  test('refuses a node id twice, and a relationship to a node the graph lacks', async () => {
    const node = { labels: ['Source'], id: 'a', props: {} };
    await expect(
      writeImportCsv(
        [
          { nodes: [node], relationships: [] },
          { nodes: [node], relationships: [] },
        ],
        dir,
      ),
    ).rejects.toThrow('node a is in the graph twice');
    const dangling = { type: 'MENTIONS', from: 'a', to: 'nowhere', props: {} };
    await expect(
      writeImportCsv([{ nodes: [node], relationships: [dangling] }], dir),
    ).rejects.toThrow('1 relationship end(s) name no node of the graph: nowhere');
  });

  test('names the relationship whose value it cannot store', async () => {
    const node = (id: string) => ({ labels: ['Source'], id, props: {} });
    const rel = { type: 'MENTIONS', from: 'a', to: 'b', props: { weight: Infinity } };
    await expect(
      writeImportCsv([{ nodes: [node('a'), node('b')], relationships: [rel] }], dir),
    ).rejects.toThrow(/^\(a\)-\[:MENTIONS\]->\(b\), property weight: Infinity cannot be stored$/);
  });

  test('refuses a relationship type the model does not have', async () => {
    const data = { nodes: [], relationships: [{ type: 'LIKES', from: 'a', to: 'b', props: {} }] };
    await expect(writeImportCsv([data], dir)).rejects.toThrow(/"LIKES" is not in the graph model/);
  });
});

describe('combineGraphs', () => {
  test("shared nodes and relationships once, the later source's values winning", () => {
    const first: GraphData = {
      nodes: [{ labels: ['Source'], id: 's1', props: { quote: 'q' } }],
      relationships: [{ type: 'MENTIONS', from: 'a', to: 'b', props: { role: 'x', note: 'n' } }],
    };
    const second: GraphData = {
      nodes: [{ labels: ['Source'], id: 's1', props: { quote: 'q' } }],
      relationships: [
        { type: 'MENTIONS', from: 'a', to: 'b', props: { role: 'y' } },
        { type: 'MENTIONS', from: 'a', to: 'b', key: 'k', props: {} },
      ],
    };
    const combined = combineGraphs([first, second]);
    expect(combined.nodes).toHaveLength(1);
    expect(combined.relationships).toEqual([
      { type: 'MENTIONS', from: 'a', to: 'b', props: { role: 'y', note: 'n' } },
      { type: 'MENTIONS', from: 'a', to: 'b', key: 'k', props: {} },
    ]);
  });
});
