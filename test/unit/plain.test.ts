import neo4j from 'neo4j-driver';
import { toNeo4jParams } from '../../src/db/database';
import { toPlain } from '../../src/db/plain';

describe('toPlain', () => {
  it('turns Integers, temporals, lists and maps into plain values', () => {
    expect(
      toPlain({
        count: neo4j.int(5),
        list: [neo4j.int(1), 'x', null, true, 2.5],
        day: new neo4j.types.Date(2012, 3, 1),
        nested: { inner: neo4j.int(-2) },
        missing: undefined,
      }),
    ).toEqual({
      count: 5,
      list: [1, 'x', null, true, 2.5],
      day: '2012-03-01',
      nested: { inner: -2 },
      missing: null,
    });
  });

  it('gives the properties of a node', () => {
    const node = new neo4j.types.Node(
      neo4j.int(1),
      ['City'],
      { id: 'city/leipzig', year: neo4j.int(2010) },
      'e1',
    );
    expect(toPlain(node)).toEqual({ id: 'city/leipzig', year: 2010 });
  });
});

describe('toNeo4jParams', () => {
  it('sends whole numbers as Integers, and leaves other values alone', () => {
    const params = toNeo4jParams({
      limit: 500,
      ratio: 0.5,
      ids: ['a', 3],
      nested: { year: 2011 },
    }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect(params.limit.toNumber()).toBe(500);
    expect(params.ratio).toBe(0.5);
    expect(params.ids[0]).toBe('a');
    expect(neo4j.isInt(params.ids[1])).toBe(true);
    expect(neo4j.isInt(params.nested.year)).toBe(true);
  });

  it("copies only what it converts, and leaves the caller's values as they were", () => {
    const input = { ids: ['a', 3], nested: { year: 2011 }, names: ['x'], year: neo4j.int(2012) };
    const params = toNeo4jParams(input) as typeof input;
    expect(input.ids[1]).toBe(3);
    expect(input.nested.year).toBe(2011);
    expect(params.ids).not.toBe(input.ids);
    expect(params.names).toBe(input.names);
    expect(params.year).toBe(input.year);
    const converted = [{ id: 'a', year: neo4j.int(1) }];
    expect(toNeo4jParams({ rows: converted })).toEqual({ rows: converted });
    expect((toNeo4jParams({ rows: converted }) as { rows: unknown }).rows).toBe(converted);
  });
});
