/**
 * The root reads, each one Cypher query built with @neo4j/cypher-builder from what the request
 * selects (./selection.ts), and the decoder of its rows. Values are named parameters ($id,
 * $year…), so one query text serves every request of the same selection: it is built once
 * per selection (and variant) and Neo4j plans it once.
 */
import Cypher from '@neo4j/cypher-builder';
import { ENTITY_RELATIONSHIP_TYPES, type EntityLabel } from '../model';
import { walkOf, type Walk } from './model-names';
import { basisOf, chronological, nodeProjection, QUALIFIED_TYPES, sourcesOf } from './projection';
import type { NodeSelection } from './selection';

/** A built query: its text and what turns its rows into the result. */
export interface Built<T> {
  readonly cypher: string;
  readonly decode: (rows: Record<string, unknown>[]) => T;
}

/** Hard cap of every list the API returns; the *Connection fields page beyond it. */
export const MAX_LIST = 500;

const param = (name: string) => new Cypher.NamedParam(name);

/** A filter that applies when its parameter is given (null: every node passes). */
const optional = (name: string, predicate: (value: Cypher.Param) => Cypher.Predicate) =>
  Cypher.or(Cypher.isNull(param(name)), predicate(param(name)));

/** A filter on the node at the other end of a relationship (a walk of the model): its id. */
const related =
  ({ type, direction, labels }: Walk) =>
  (n: Cypher.Node, id: Cypher.Param) =>
    new Cypher.Exists(
      new Cypher.Match(
        new Cypher.Pattern(n).related({ type, direction }).to({ labels, properties: { id } }),
      ),
    );

/** The sort keys of a list; `indexed`: the property its first key reads, if an index holds it. */
interface Order {
  readonly keys: Cypher.Expr[];
  readonly indexed?: string;
}

interface ListSpec {
  /** The filter arguments, each a predicate on the listed node (n). */
  readonly filters: Record<string, (n: Cypher.Node, value: Cypher.Param) => Cypher.Predicate>;
  readonly order: (n: Cypher.Node, orderBy: string | undefined) => Order;
}

/** Every entity kind's name has a range index (src/ingest/schema.ts). */
const byName = (n: Cypher.Node): Order => ({
  keys: [n.property('name'), n.property('id')],
  indexed: 'name',
});

/** A kind's list without filter arguments, by name. */
const BY_NAME: ListSpec = { filters: {}, order: byName };

/** The lists with filter arguments or an order of their own; every other kind's is BY_NAME. */
const LISTS = {
  Meeting: {
    filters: {
      year: (n, v) => Cypher.eq(n.property('year'), v),
      status: (n, v) => Cypher.eq(n.property('status'), v),
      kind: (n, v) => Cypher.eq(n.property('kind'), v),
      cityId: related(walkOf('Meeting', 'city')),
    },
    order: (n) => ({ keys: chronological(n) }),
  },
  Action: {
    filters: {
      kind: (n, v) => Cypher.eq(n.property('kind'), v),
      fieldId: related(walkOf('Action', 'field')),
      // any entity of the id: the model's lead is an actor (City, Institution)
      leadId: related({ ...walkOf('Action', 'leads'), labels: 'Entity' }),
      meetingId: related(walkOf('Action', 'meetings')),
    },
    order: (n, orderBy) =>
      orderBy === 'START'
        ? {
            keys: [Cypher.isNull(n.property('start')), n.property('start'), ...byName(n).keys],
          }
        : byName(n),
  },
  Institution: {
    filters: {
      kind: (n, v) => Cypher.eq(n.property('kind'), v),
      cityId: related(walkOf('Institution', 'city')),
    },
    order: byName,
  },
} as const satisfies Partial<Record<EntityLabel, ListSpec>>;

/** A root list's kind: any entity kind of the model. */
export type ListKind = EntityLabel;

const specOf = (kind: ListKind): ListSpec =>
  (LISTS as Partial<Record<ListKind, ListSpec>>)[kind] ?? BY_NAME;

/** The parameters a list query of `kind` needs: every filter (absent ones null) and the page. */
export function listParams(
  kind: ListKind,
  filter: Record<string, unknown>,
  page: { offset: number; limit: number },
): Record<string, unknown> {
  const spec = specOf(kind);
  return {
    ...Object.fromEntries(Object.keys(spec.filters).map((key) => [key, filter[key] ?? null])),
    offset: page.offset,
    limit: Math.min(page.limit, MAX_LIST),
  };
}

/**
 * MATCH (n:Kind) WHERE <each filter, switched on by its parameter>. An `indexed` order adds
 * `n.<property> IS NOT NULL`, true of every node (the schema makes it non-null): it lets Neo4j
 * read the property's range index in order and stop after the page (PartialTop) instead of
 * sorting every node of the kind. Institutions at scale 1000: 38.5 → 15.1 ms.
 */
function listMatch(kind: ListKind, n: Cypher.Node, order?: Order): Cypher.Match {
  const spec = specOf(kind);
  const predicates: Cypher.Predicate[] = Object.entries(spec.filters).map(([name, predicate]) =>
    optional(name, (value) => predicate(n, value)),
  );
  if (order?.indexed) predicates.unshift(Cypher.isNotNull(n.property(order.indexed)));
  const match = new Cypher.Match(new Cypher.Pattern(n, { labels: kind }));
  return predicates.length > 0 ? match.where(Cypher.and(...predicates)) : match;
}

/** The page of `n` in its list's order: WITH n ORDER BY … SKIP $offset LIMIT $limit. */
function page(kind: ListKind, n: Cypher.Node, order: Order): Cypher.With {
  return listMatch(kind, n, order)
    .with(n)
    .orderBy(...order.keys)
    .skip(param('offset'))
    .limit(param('limit'));
}

/** One page of a filtered list, each node projected as selected. */
export function listQuery(
  kind: ListKind,
  orderBy: string | undefined,
  selection: NodeSelection,
): Built<unknown[]> {
  const n = new Cypher.Node();
  const node = nodeProjection(n, selection);
  const query = page(kind, n, specOf(kind).order(n, orderBy)).return([node.expr, 'node']);
  return {
    cypher: query.build().cypher,
    decode: (rows) => rows.map((row) => node.decode(row.node)),
  };
}

/** A page and the total count of the filtered list, in one query (Relay-style connections). */
export function pageQuery(
  kind: ListKind,
  orderBy: string | undefined,
  selection: NodeSelection,
): Built<{ items: unknown[]; totalCount: number }> {
  const counted = new Cypher.Node();
  const n = new Cypher.Node();
  const node = nodeProjection(n, selection);
  const [totalCount, items] = [new Cypher.Variable(), new Cypher.Variable()];
  const query = Cypher.utils.concat(
    new Cypher.Call(listMatch(kind, counted).return([Cypher.count(counted), totalCount]), []),
    new Cypher.Call(
      page(kind, n, specOf(kind).order(n, orderBy)).return([Cypher.collect(node.expr), items]),
      [],
    ),
    new Cypher.Return([totalCount, 'totalCount'], [items, 'items']),
  );
  return {
    cypher: query.build().cypher,
    decode: ([row]) => ({
      items: (row!.items as unknown[]).map(node.decode),
      totalCount: row!.totalCount as number,
    }),
  };
}

/** One entity by $id (of object type `type`, or any), projected as selected. */
export function lookupQuery(type: string | null, selection: NodeSelection): Built<unknown> {
  const n = new Cypher.Node();
  const node = nodeProjection(n, selection);
  const match = new Cypher.Match(
    new Cypher.Pattern(n, { labels: 'Entity', properties: { id: param('id') } }),
  );
  const query = (type ? match.where(n.hasLabel(type)) : match).return([node.expr, 'node']);
  return {
    cypher: query.build().cypher,
    decode: ([row]) => (row ? node.decode(row.node) : null),
  };
}

/** Relationships between entities: what graph views draw and paths walk (not to passages). */
const entityRelationship = Cypher.labelExpr.or(...ENTITY_RELATIONSHIP_TYPES);

/**
 * The read path's one filter for retracted entities (src/model/provenance.ts): every read
 * matches nodes by the label of their kind, which a retracted entity has lost, so lists,
 * lookups, search and relationship fields leave it out by themselves; only a walk over several
 * relationships could pass through one. This keeps such walks to entities. A neighbourhood's
 * walk is a list of relationships (each must join two entities); a path's is its nodes (each
 * must be one), which shortestPath() checks as it searches, with fewer db hits than the same
 * test on relationships (Connection at scale 10,000: 5,482 against 8,437).
 */
function throughEntitiesOnly(
  walked: { relationships: Cypher.Expr } | { nodes: Cypher.Expr },
): Cypher.Predicate {
  if ('nodes' in walked) {
    const node = new Cypher.Node();
    return Cypher.all(node, walked.nodes, node.hasLabel('Entity'));
  }
  const step = new Cypher.Relationship();
  const isEntity = (end: Cypher.Expr) =>
    Cypher.in(new Cypher.Literal('Entity'), Cypher.labels(end as Cypher.Node));
  return Cypher.all(
    step,
    walked.relationships,
    Cypher.and(isEntity(Cypher.startNode(step)), isEntity(Cypher.endNode(step))),
  );
}

// The builder has no expression for these two (a property of a function's value, a slice up to
// a parameter); each is one small piece of text around compiled parts.
const idOf = (node: Cypher.Expr) =>
  new Cypher.Raw((context) => `${context.compile(node)}.id`) as unknown as Cypher.Expr;
const upTo = (list: Cypher.Expr, end: Cypher.Expr) =>
  new Cypher.Raw(
    (context) => `${context.compile(list)}[..${context.compile(end)}]`,
  ) as unknown as Cypher.Expr;

/** What is read of a GraphRelationship's sources (null: not read). */
export type RelationshipSelection = NodeSelection | null;

/**
 * A relationship of a path or neighbourhood, with its role (and roleDe), basis, note and sources (null and []
 * for a type that is not qualified). Its id is made of the graph's own ids — ends, type and the
 * key that tells parallel ones apart, as the loader MERGEs it — so that it stays the same across
 * reloads and restarts (Neo4j's elementId is reused after deletes and exposes the store).
 */
function relationshipProjection(
  r: Cypher.Relationship,
  from: Cypher.Expr,
  to: Cypher.Expr,
  sources: RelationshipSelection,
) {
  const sourcesProjection = sources ? sourcesOf(r, sources) : null;
  const qualified = Cypher.in(Cypher.type(r), new Cypher.Literal([...QUALIFIED_TYPES]));
  const expr = new Cypher.List([
    r.property('key'),
    Cypher.type(r),
    from,
    to,
    r.property('role'),
    r.property('roleDe'),
    // an unqualified link has no basis, unless the loader inferred it (a BASED_IN the report
    // implies): then it says so, as its note says why
    new Cypher.Case()
      .when(qualified)
      .then(basisOf(r))
      .when(Cypher.eq(r.property('inferred'), Cypher.true))
      .then(new Cypher.Literal('INFERRED')),
    r.property('note'),
    sourcesProjection ? sourcesProjection.expr : new Cypher.List([]),
  ]);
  const decode = (value: unknown) => {
    const [key, type, fromId, toId, role, roleDe, basis, note, found] = value as [
      string | null,
      string,
      string,
      string,
      string | null,
      string | null,
      string | null,
      string | null,
      unknown,
    ];
    return {
      id: [fromId, type, toId, ...(key === null ? [] : [key])].join('|'),
      type,
      from: fromId,
      to: toId,
      role,
      roleDe,
      basis,
      note,
      sources: sourcesProjection ? sourcesProjection.decode(found) : [],
    };
  };
  return { expr, decode };
}

export interface PathResult {
  fromExists: boolean;
  toExists: boolean;
  path: { length: number; nodes: unknown[]; relationships: unknown[] } | null;
}

/**
 * The shortest path between entities $fromId and $toId, over at most `maxHops` relationships
 * (a bound of a variable-length pattern cannot be a parameter: one query per allowed value).
 */
export function pathQuery(
  maxHops: number,
  selection: NodeSelection,
  sources: RelationshipSelection,
): Built<PathResult> {
  const [a, b, n] = [new Cypher.Node(), new Cypher.Node(), new Cypher.Node()];
  const r = new Cypher.Relationship();
  const p = new Cypher.PathVariable();
  const [pathNodes, pathRelationships] = [new Cypher.Variable(), new Cypher.Variable()];
  const node = nodeProjection(n, selection);
  const relationship = relationshipProjection(
    r,
    idOf(Cypher.startNode(r)),
    idOf(Cypher.endNode(r)),
    sources,
  );
  const same = Cypher.and(Cypher.isNotNull(a), Cypher.eq(a, b));
  const walk = new Cypher.Pattern(a)
    .related({
      type: entityRelationship,
      direction: 'undirected',
      length: { min: 1, max: maxHops },
    })
    .to(b);
  // Neo4j's shortestPath() rather than SHORTEST 1: it searches from both ends, expanding the
  // smaller frontier; on the bench graph at scale 10,000, whose countries and fields of action
  // have thousands of relationships each, SHORTEST 1 took 39,396 db hits for the Connection
  // operation, shortestPath() 5,482, and 4–250 times as long. The builder has no shortestPath().
  const shortestMatch = (path: Cypher.PathVariable, where?: Cypher.Predicate) =>
    new Cypher.Raw(
      (context) =>
        `MATCH ${context.compile(path)} = shortestPath(${context.compile(walk)})` +
        (where ? ` WHERE ${context.compile(where)}` : ''),
    );
  // First the search over every node, then, only where its path crosses a retracted entity,
  // the search that keeps to entities: the first is the answer whenever it keeps to entities
  // (no path that does can be shorter), and it is the cheaper one, as the filter costs a label
  // read per node reached (at scale 10,000, +30–50 % on paths of 5 and 6 hops).
  const throughEntities = new Cypher.PathVariable();
  const entitiesOnly = (path: Cypher.PathVariable) =>
    throughEntitiesOnly({ nodes: Cypher.nodes(path) });
  const shortest = Cypher.utils.concat(
    new Cypher.With(a, b).where(
      Cypher.and(Cypher.isNotNull(a), Cypher.isNotNull(b), Cypher.neq(a, b)),
    ),
    shortestMatch(p),
    new Cypher.Return(p),
  );
  const shortestThroughEntities = Cypher.utils.concat(
    new Cypher.With(a, b, p).where(Cypher.not(entitiesOnly(p))),
    shortestMatch(throughEntities, entitiesOnly(throughEntities)),
    new Cypher.Return(throughEntities),
  );
  const found = new Cypher.PathVariable();
  const query = Cypher.utils.concat(
    new Cypher.OptionalMatch(
      new Cypher.Pattern(a, { labels: 'Entity', properties: { id: param('fromId') } }),
    ).optionalMatch(new Cypher.Pattern(b, { labels: 'Entity', properties: { id: param('toId') } })),
    new Cypher.OptionalCall(shortest, [a, b]),
    new Cypher.OptionalCall(shortestThroughEntities, [a, b, p]),
    new Cypher.With(a, b, [
      new Cypher.Case().when(entitiesOnly(p)).then(p).else(throughEntities),
      found,
    ]),
    new Cypher.With(
      a,
      b,
      [
        new Cypher.Case()
          .when(same)
          .then(new Cypher.List([a]))
          .else(Cypher.nodes(found)),
        pathNodes,
      ],
      [
        new Cypher.Case().when(same).then(new Cypher.List([])).else(Cypher.relationships(found)),
        pathRelationships,
      ],
    ).return(
      [Cypher.isNotNull(a), 'fromExists'],
      [Cypher.isNotNull(b), 'toExists'],
      [new Cypher.ListComprehension(n).in(pathNodes).map(node.expr), 'nodes'],
      [
        new Cypher.ListComprehension(r).in(pathRelationships).map(relationship.expr),
        'relationships',
      ],
    ),
  );
  return {
    cypher: query.build().cypher,
    decode: ([row]) => {
      if (!row) return { fromExists: false, toExists: false, path: null };
      const nodes = row.nodes as unknown[] | null;
      const relationships = row.relationships as unknown[] | null;
      return {
        fromExists: row.fromExists as boolean,
        toExists: row.toExists as boolean,
        path:
          nodes && relationships
            ? {
                length: relationships.length,
                nodes: nodes.map(node.decode),
                relationships: relationships.map(relationship.decode),
              }
            : null,
      };
    },
  };
}

export interface SubgraphResult {
  nodes: { id: string; name: string; nameDe: string | null; labels: string[] }[];
  relationships: unknown[];
  truncated: boolean;
}

/**
 * Entity $id and the entities within `depth` relationships of it (at most $limit besides it),
 * with the relationships among them; null when $id does not exist.
 */
export function neighbourhoodQuery(
  depth: number,
  sources: RelationshipSelection,
): Built<SubgraphResult | null> {
  const [start, n, a, b] = [
    new Cypher.Node(),
    new Cypher.Node(),
    new Cypher.Node(),
    new Cypher.Node(),
  ];
  const [r, walked] = [new Cypher.Relationship(), new Cypher.Relationship()];
  const [reached, truncated, nodes, relationships] = [0, 0, 0, 0].map(
    () => new Cypher.Variable(),
  ) as [Cypher.Variable, Cypher.Variable, Cypher.Variable, Cypher.Variable];
  const limit = param('limit');
  const relationship = relationshipProjection(r, a.property('id'), b.property('id'), sources);
  const query = new Cypher.Match(
    new Cypher.Pattern(start, { labels: 'Entity', properties: { id: param('id') } }),
  )
    .call(
      new Cypher.Match(
        new Cypher.Pattern(start)
          .related(walked, {
            type: entityRelationship,
            direction: 'undirected',
            length: { min: 1, max: depth },
          })
          .to(n, { labels: 'Entity' }),
      )
        .where(throughEntitiesOnly({ relationships: walked }))
        .with(n)
        .distinct()
        .orderBy(n.property('id'))
        .limit(Cypher.plus(limit, new Cypher.Literal(1)))
        .return([Cypher.collect(n), reached]),
      [start],
    )
    .with(start, reached, [Cypher.gt(Cypher.size(reached), limit), truncated])
    .with([Cypher.plus(new Cypher.List([start]), upTo(reached, limit)), nodes], truncated)
    .call(
      new Cypher.Unwind([nodes, a])
        .match(
          new Cypher.Pattern(a).related(r, { type: entityRelationship, direction: 'right' }).to(b),
        )
        .where(Cypher.in(b, nodes))
        .return([Cypher.collect(relationship.expr), relationships]),
      [nodes],
    )
    .return(
      [
        new Cypher.ListComprehension(n)
          .in(nodes)
          .map(
            new Cypher.List([
              n.property('id'),
              n.property('name'),
              n.property('nameDe'),
              Cypher.labels(n),
            ]),
          ),
        'nodes',
      ],
      [relationships, 'relationships'],
      [truncated, 'truncated'],
    );
  return {
    cypher: query.build().cypher,
    decode: ([row]) =>
      row
        ? {
            nodes: (row.nodes as [string, string, string | null, string[]][]).map(
              ([id, name, nameDe, labels]) => ({ id, name, nameDe, labels }),
            ),
            relationships: (row.relationships as unknown[]).map(relationship.decode),
            truncated: row.truncated as boolean,
          }
        : null,
  };
}
