import Cypher from '@neo4j/cypher-builder';
import type { ChangeRecord } from '../db/changes';
import type { Built } from './queries';

const FIELDS = ['id', 'at', 'by', 'operation', 'entityId', 'summary'] as const;

/**
 * The newest `$first` changes of the history (src/db/changes.ts), of entity `$entityId` where
 * `ofOneEntity`. Two queries rather than `$entityId IS NULL OR …`, so that each can use its
 * index.
 */
export function changesQuery(ofOneEntity: boolean): Built<ChangeRecord[]> {
  const c = new Cypher.Node();
  const properties = ofOneEntity ? { entityId: new Cypher.NamedParam('entityId') } : undefined;
  const query = new Cypher.Match(new Cypher.Pattern(c, { labels: 'Change', properties }))
    .return(...FIELDS.map((field): [Cypher.Expr, string] => [c.property(field), field]))
    .orderBy([c.property('at'), 'DESC'], [c.property('id'), 'DESC'])
    .limit(new Cypher.NamedParam('first'));
  return { cypher: query.build().cypher, decode: (rows) => rows as unknown as ChangeRecord[] };
}
