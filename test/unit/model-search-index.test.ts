// The full-text search reads each entity kind's name, nameDe and `searchable` properties
// (src/model/entities.ts) through the indexes of cypher/schema.cypher, which name the
// properties they index by hand: a property the model calls searchable but no index lists
// would be found by no search.
import { readFileSync } from 'node:fs';
import { ENTITY_KINDS } from '../../src/model';
import { CYPHER_SCHEMA_PATH, cypherStatements } from '../../src/ingest/schema';

interface FullTextIndex {
  labels: string[];
  properties: string[];
}

/** The full-text indexes of cypher/schema.cypher by name: the labels and properties each covers. */
function fullTextIndexes(): Map<string, FullTextIndex> {
  const indexes = new Map<string, FullTextIndex>();
  for (const statement of cypherStatements(readFileSync(CYPHER_SCHEMA_PATH, 'utf8'))) {
    if (!/^CREATE FULLTEXT INDEX\b/.test(statement)) continue;
    const match =
      /^CREATE FULLTEXT INDEX (\w+) IF NOT EXISTS\s+FOR \((\w+):([\w|]+)\)\s+ON EACH \[([^\]]*)\]/.exec(
        statement,
      );
    if (!match) throw new Error(`a full-text index this test cannot read:\n${statement}`);
    const [, name = '', variable = '', labels = '', properties = ''] = match;
    indexes.set(name, {
      labels: labels.split('|'),
      properties: properties.split(',').map((property) => {
        const [of, key] = property.trim().split('.');
        if (of !== variable || !key) throw new Error(`not a property of ${variable}: ${property}`);
        return key;
      }),
    });
  }
  return indexes;
}

describe('the full-text search index covers what the model calls searchable', () => {
  // searchFolded_v2 indexes everything search finds (src/translate/search.ts asks it for every
  // search, and for the names only); the stemming indexes cover the texts of one language.
  const folded = fullTextIndexes().get('searchFolded_v2');

  it('reads the folding index of cypher/schema.cypher, over every entity', () => {
    expect(folded).toBeDefined();
    expect(folded!.labels).toContain('Entity');
  });

  it.each(ENTITY_KINDS.map((kind) => [kind.label, kind.searchable as readonly string[]]))(
    'indexes every searchable property of %s, besides its names',
    (_label, searchable) => {
      const missing = ['name', 'nameDe', ...searchable].filter(
        (property) => !folded?.properties.includes(property),
      );
      expect(missing).toEqual([]);
    },
  );
});
