import {
  nodeProjection,
  WHOLE_NODE,
  type RelationName,
  type Selection,
} from '../../src/repositories/relations';

const selection = (
  properties: string[] | null,
  related: [RelationName, Selection][] = [],
): Selection => ({ properties, relations: new Map(related) });

describe('nodeProjection', () => {
  it('sends named properties as a tuple and decodes it into a keyed record', () => {
    const projection = nodeProjection(
      'n',
      selection(['name', 'year'], [['topics', selection(['text'])]]),
      { labels: false },
    );
    expect(projection.cypher).toMatch(/^\[n\.`id`, n\.`name`, n\.`year`, COLLECT \{/);
    expect(projection.cypher).toContain('t_n.`text`');
    const record = projection.decode([
      'm1',
      'Leipzig 2010',
      2010,
      [
        ['s1', 'Thema eins'],
        ['s2', 'Thema zwei'],
      ],
    ]);
    expect(record).toEqual({
      id: 'm1',
      name: 'Leipzig 2010',
      year: 2010,
      prefetched: {
        topics: [
          { id: 's1', text: 'Thema eins' },
          { id: 's2', text: 'Thema zwei' },
        ],
      },
    });
  });

  it('puts labels, the role-holding edge and caller entries after the properties', () => {
    const projection = nodeProjection(
      'n',
      selection(['name'], [['contributorsOfAction', selection(['name'])]]),
      {
        prefetched: [{ key: 'extra', cypher: 'x', decode: (value) => (value as number) * 2 }],
      },
    );
    expect(projection.cypher).toContain('labels(t_n), properties(r_n)]');
    expect(projection.cypher.endsWith(', x]')).toBe(true);
    const record = projection.decode([
      'a1',
      'Aktion',
      ['Action', 'Entity'],
      [['i1', 'HGB', ['Institution', 'Entity'], { role: 'Partner' }]],
      21,
    ]);
    expect(record).toEqual({
      id: 'a1',
      name: 'Aktion',
      labels: ['Action', 'Entity'],
      prefetched: {
        contributorsOfAction: [
          { id: 'i1', name: 'HGB', labels: ['Institution', 'Entity'], edge: { role: 'Partner' } },
        ],
        extra: 42,
      },
    });
  });

  it('keeps whole nodes as map projections with every property', () => {
    const projection = nodeProjection('n', WHOLE_NODE);
    expect(projection.cypher).toBe('n {.*, labels: labels(n)}');
    const node = { id: 'c1', name: 'Leipzig', labels: ['City', 'Entity'] };
    expect(projection.decode(node)).toBe(node);
  });

  it('never reads a property named like a computed key', () => {
    const projection = nodeProjection('n', selection(['labels', 'edge', 'name']), {
      labels: false,
    });
    expect(projection.cypher).toBe('[n.`id`, n.`name`]');
  });
});
