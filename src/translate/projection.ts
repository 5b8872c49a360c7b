/**
 * Node selections (./selection.ts) as Cypher expressions, built with @neo4j/cypher-builder,
 * each with the decoder that turns what Neo4j returns for it into a plain record shaped like
 * the GraphQL type (so field resolvers are property reads).
 *
 * A record travels as a list in a fixed order (a tuple) and is decoded into a keyed object
 * here: the driver decodes a map entry by entry with its key, which made up most of the API's
 * CPU time on large results. Entries and decoder come from one list, so they cannot disagree.
 */
import Cypher from '@neo4j/cypher-builder';
import {
  ENTITY_LABELS,
  RELATIONSHIP_TYPES,
  STATED_VALUE_PREFIX,
  type Order,
  type RelationshipField,
} from '../model';
import { directionOf, nodeLabel, relationshipType } from './model-names';
import type {
  LinkSelection,
  NodeSelection,
  PartnersSelection,
  RelatedSelection,
} from './selection';

/** A Cypher expression and the decoder of the value Neo4j returns for it. */
export interface Projection {
  readonly expr: Cypher.Expr;
  readonly decode: (value: unknown) => unknown;
}

interface Entry {
  readonly key: string;
  readonly projection: Projection;
}

const asIs = (value: unknown) => value;
const plain = (expr: Cypher.Expr): Projection => ({ expr, decode: asIs });

/** A record of entries, as a tuple. */
function tuple(entries: readonly Entry[]): Projection {
  return {
    expr: new Cypher.List(entries.map((entry) => entry.projection.expr)),
    decode: (value) => {
      const row = value as unknown[];
      const record: Record<string, unknown> = {};
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        record[entry.key] = entry.projection.decode(row[i]);
      }
      return record;
    },
  };
}

/** A list of records; null where the field does not apply to the parent's type (below). */
const eachOf =
  (projection: Projection) =>
  (value: unknown): unknown =>
    value === null ? null : (value as unknown[]).map(projection.decode);

const orNull =
  (projection: Projection) =>
  (value: unknown): unknown =>
    value === null ? null : projection.decode(value);

/** A computed field: an expression read as is, or one with its own decoder. */
type Computed = (node: Cypher.Node) => Cypher.Expr | Projection;

const ENTITY_FIELDS: Record<string, Computed> = {
  // Only what was written through the API has an audit.
  audit: (n) =>
    new Cypher.Case()
      .when(
        Cypher.or(
          Cypher.isNotNull(n.property('createdBy')),
          Cypher.isNotNull(n.property('updatedBy')),
        )!,
      )
      .then(
        new Cypher.Map({
          createdBy: n.property('createdBy'),
          createdAt: n.property('createdAt'),
          updatedBy: n.property('updatedBy'),
          updatedAt: n.property('updatedAt'),
        }),
      ),
  aliases: (n) => Cypher.coalesce(n.property('aliases'), new Cypher.List([])),
  claims: (n) => claimsProjection(n),
};

type StoredClaim = { sourceIds: string[] } & Record<string, unknown>;
type ReadSource = { id: string; enteredBy?: string | null; origin?: { kind?: string } | null };

/** A claim's value as Claim.value shows it: text as is, anything else as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** Entered through the API: by a curator, or placed in the curators' entries. */
const isCurators = (source: ReadSource) =>
  Boolean(source.enteredBy) || source.origin?.kind === 'CURATION';

/**
 * Entity.claims: the documents' claims stored as a JSON list on the node (src/sources/facts/
 * to-graph.ts's StoredClaim, naming its Sources by id), then, for each property a curator
 * changed (`curatedProperties`), the curated value (preferred) and the documents' value kept
 * beside it (`stated:<property>`, src/model/provenance.ts). Read with the entity's Sources and
 * their documents, so that the decoder can put each claim's Sources in place of their ids and
 * tell the curators' Sources from the documents'.
 */
function claimsProjection(n: Cypher.Node): Projection {
  const [source, document] = [new Cypher.Node(), new Cypher.Node()];
  const sources = new Cypher.Collect(
    new Cypher.Match(
      new Cypher.Pattern(n)
        .related({ type: relationshipType('STATED_IN') })
        .to(source, { labels: nodeLabel('Source') }),
    )
      .optionalMatch(
        new Cypher.Pattern(source)
          .related({ type: relationshipType('IN_DOCUMENT') })
          .to(document, { labels: nodeLabel('Document') }),
      )
      .return(
        new Cypher.MapProjection(source, '*', {
          verbatim: Cypher.coalesce(source.property('verbatim'), Cypher.true),
          origin: new Cypher.MapProjection(document, '*'),
        }),
      ),
  );
  // The builder has no expression for a property named by a value (n[key]).
  const curatedValues = new Cypher.Raw((context) => {
    const node = context.compile(n);
    return (
      `[key IN coalesce(${node}.curatedProperties, []) | ` +
      `[key, ${node}[key], ${node}['${STATED_VALUE_PREFIX}' + key]]]`
    );
  }) as unknown as Cypher.Expr;
  return {
    expr: new Cypher.List([n.property('claims'), sources, curatedValues, n.property('inferred')]),
    decode: (value) => {
      const [json, read, curated, inferred] = value as [
        string | null,
        ReadSource[],
        [string, unknown, unknown][],
        boolean | null,
      ];
      const byId = new Map(read.map((s) => [s.id, s]));
      const claims = JSON.parse(json ?? '[]') as StoredClaim[];
      const documents = claims.map(({ sourceIds, ...claim }) => ({
        ...claim,
        sources: sourceIds.flatMap((id) => byId.get(id) ?? []),
      }));
      const curators = read.filter(isCurators);
      const stated = read.filter((s) => !isCurators(s));
      const changed = curated.flatMap(([property, value, statedValue]) => [
        ...(value === null
          ? []
          : [
              {
                property,
                value: asText(value),
                basis: 'CURATED',
                preferred: true,
                note: 'entered by a curator: preferred over the documents',
                sources: curators,
              },
            ]),
        ...(statedValue === null
          ? []
          : [
              {
                property,
                value: asText(statedValue),
                basis: inferred ? 'INFERRED' : 'STATED',
                preferred: false,
                note: 'stated by the documents; a curator changed it',
                sources: stated,
              },
            ]),
      ]);
      return [...documents, ...changed];
    },
  };
}

/** Fields whose value is not the stored property of the same name, per object type. */
const COMPUTED: Record<string, Record<string, Computed>> = {
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, ENTITY_FIELDS])),
  Statement: { part: (s) => Cypher.toUpper(s.property('part')) },
  Source: {
    // The English text of the statement the passage belongs to.
    quoteEn: (s) => {
      const statement = new Cypher.Node();
      return Cypher.head(
        new Cypher.Collect(
          new Cypher.Match(
            new Cypher.Pattern(statement, {
              labels: nodeLabel('Statement'),
              properties: { id: s.property('statementId') },
            }),
          ).return(statement.property('textEn')),
        ),
      );
    },
    // Cited facts are stored with verbatim: false; passages of the report are verbatim.
    verbatim: (s) => Cypher.coalesce(s.property('verbatim'), Cypher.true),
  },
};

function fieldProjection(node: Cypher.Node, types: readonly string[], field: string): Projection {
  const computed = types.map((type) => COMPUTED[type]?.[field]).find((f) => f !== undefined);
  if (!computed) return plain(node.property(field));
  const result = computed(node);
  return 'decode' in result ? result : plain(result);
}

/** Node `node` projected as `selection` says. */
export function nodeProjection(node: Cypher.Node, selection: NodeSelection): Projection {
  const entries: Entry[] = [{ key: 'id', projection: plain(node.property('id')) }];
  // an abstract type's resolveType reads the labels
  if (selection.types.length > 1) {
    entries.push({ key: 'labels', projection: plain(Cypher.labels(node)) });
  }
  for (const field of selection.fields) {
    if (field === 'id') continue;
    entries.push({ key: field, projection: fieldProjection(node, selection.types, field) });
  }
  for (const [name, related] of selection.related) {
    entries.push({ key: name, projection: relatedProjection(node, related) });
  }
  if (selection.partners) {
    entries.push({ key: 'partners', projection: partnersProjection(node, selection.partners) });
  }
  return tuple(entries);
}

/**
 * A relationship field. On an abstract parent a field of one name may walk differently per
 * type (City.meetings, Action.meetings): the parent's label picks the walk.
 */
function relatedProjection(parent: Cypher.Node, related: RelatedSelection): Projection {
  const walks = new Map<string, { owners: string[]; field: RelationshipField }>();
  for (const field of related.via) {
    const key = JSON.stringify([field.via, field.target, field.order, field.one, field.link]);
    const walk = walks.get(key);
    if (walk) walk.owners.push(field.owner);
    else walks.set(key, { owners: [field.owner], field });
  }
  const projections = [...walks.values()].map(({ owners, field }) => ({
    owners,
    projection: walkProjection(parent, field, related),
  }));
  if (projections.length === 1) return projections[0]!.projection;
  const byType = new Cypher.Case();
  for (const { owners, projection } of projections) {
    byType.when(Cypher.or(...owners.map((owner) => parent.hasLabel(owner)))!).then(projection.expr);
  }
  // the walks differ, the projection of what they reach does not
  return { expr: byType, decode: projections[0]!.projection.decode };
}

const ORDER: Record<Order, (t: Cypher.Variable) => Cypher.Expr[]> = {
  name: (t) => [t.property('name'), t.property('id')],
  chronological: (t) => chronological(t),
  order: (t) => [t.property('order')],
  section: (t) => [t.property('section'), t.property('id')],
  id: (t) => [t.property('id')],
};

/** By date, then by order in the source. */
export function chronological(t: Cypher.Variable): Cypher.Expr[] {
  return [
    Cypher.coalesce(t.property('date'), Cypher.toString(t.property('year'))),
    t.property('order'),
    t.property('id'),
  ];
}

/** The nodes (or links) field `field` reaches from `parent`, as a COLLECT subquery. */
function walkProjection(
  parent: Cypher.Node,
  field: RelationshipField,
  related: RelatedSelection,
): Projection {
  const target = new Cypher.Node();
  const labels =
    field.target.length === 1 ? field.target[0]! : Cypher.labelExpr.or(...field.target);
  const order = ORDER[field.order](target);
  let subquery: Cypher.Clause;
  let projection: Projection;
  if (field.link) {
    // A link field lists each relationship, with its qualification.
    const [step] = field.via;
    const relationship = new Cypher.Relationship();
    projection = linkProjection(parent, target, relationship, field, related);
    subquery = filtered(
      new Cypher.Match(
        new Cypher.Pattern(parent)
          .related(relationship, { type: step!.type, direction: directionOf(step!) })
          .to(target, { labels }),
      ),
      related,
      { node: target, link: relationship },
    )
      .with(target, relationship)
      .orderBy(...order)
      .return(projection.expr);
  } else if (field.via.length === 1) {
    // A node field lists each node once, however many relationships lead to it.
    const [step] = field.via;
    projection = nodeProjection(target, related.node);
    subquery = filtered(
      new Cypher.Match(
        new Cypher.Pattern(parent)
          .related({ type: step!.type, direction: directionOf(step!) })
          .to(target, { labels }),
      ),
      related,
      { node: target },
    )
      .with(target)
      .distinct()
      .orderBy(...order)
      .return(projection.expr);
  } else {
    projection = nodeProjection(target, related.node);
    const reached = new Cypher.Union(
      ...field.via.map((step) =>
        new Cypher.Match(
          new Cypher.Pattern(parent)
            .related({ type: step.type, direction: directionOf(step) })
            .to(target, { labels }),
        ).return(target),
      ),
    );
    subquery = new Cypher.Call(reached, [parent])
      .with(target)
      .distinct()
      .orderBy(...order)
      .return(projection.expr);
  }
  const collected = new Cypher.Collect(subquery);
  return field.one
    ? { expr: Cypher.head(collected), decode: orNull(projection) }
    : { expr: collected, decode: eachOf(projection) };
}

/**
 * The match of a related field, with the field's filter where the request gives it: the
 * stored property, upper-cased (AgendaItem.role is stored as 'decided'), is one of the values.
 */
function filtered(
  match: Cypher.Match,
  related: RelatedSelection,
  walked: { node: Cypher.Node; link?: Cypher.Relationship },
): Cypher.Match {
  const { filter } = related;
  if (!filter) return match;
  const filteredOn = filter.of === 'link' ? walked.link : walked.node;
  if (!filteredOn) throw new Error(`a filter on the link of a field that lists nodes`);
  const property = filteredOn.property(filter.property);
  return match.where(Cypher.in(Cypher.toUpper(property), new Cypher.NamedParam(filter.param)));
}

/** A link (Lead, Contribution, Membership…): its ends and its qualification as selected. */
function linkProjection(
  parent: Cypher.Node,
  target: Cypher.Node,
  relationship: Cypher.Relationship,
  field: RelationshipField,
  related: RelatedSelection,
): Projection {
  const link = field.link!;
  const selected: LinkSelection = related.link!;
  const entries: Entry[] = [{ key: link.end, projection: nodeProjection(target, related.node) }];
  if (link.start && selected.start) {
    entries.push({ key: link.start, projection: nodeProjection(parent, selected.start) });
  }
  for (const name of selected.fields) {
    const expr = name === 'basis' ? basisOf(relationship) : relationship.property(name);
    entries.push({ key: name, projection: plain(expr) });
  }
  if (selected.sources) {
    entries.push({ key: 'sources', projection: sourcesOf(relationship, selected.sources) });
  }
  return tuple(entries);
}

/** How the graph knows a qualified relationship: a curator made it, it was inferred, or stated. */
export function basisOf(relationship: Cypher.Variable): Cypher.Case {
  return new Cypher.Case()
    .when(Cypher.isNotNull(relationship.property('createdBy')))
    .then(new Cypher.Literal('CURATED'))
    .when(Cypher.eq(relationship.property('inferred'), Cypher.true))
    .then(new Cypher.Literal('INFERRED'))
    .else(new Cypher.Literal('STATED'));
}

/** The types of qualified relationships (the others have no basis and no sources). */
export const QUALIFIED_TYPES: readonly string[] = RELATIONSHIP_TYPES.filter((r) => r.qualified).map(
  (r) => r.type,
);

/** The Source passages a relationship names in `sourceIds`, in that order. */
export function sourcesOf(relationship: Cypher.Variable, selection: NodeSelection): Projection {
  const sourceId = new Cypher.Variable();
  const source = new Cypher.Node();
  const projection = nodeProjection(source, selection);
  // UNWIND keeps the order of the list, and each id finds at most one Source
  const subquery = new Cypher.Unwind([
    Cypher.coalesce(relationship.property('sourceIds'), new Cypher.List([])),
    sourceId,
  ])
    .match(
      new Cypher.Pattern(source, { labels: nodeLabel('Source'), properties: { id: sourceId } }),
    )
    .return(projection.expr);
  return { expr: new Cypher.Collect(subquery), decode: eachOf(projection) };
}

/**
 * City.partners: the other cities involved in one of its actions or meetings, with the actions
 * and meetings both are involved in (a city is involved in what it does itself or through its
 * institutions). Most shared by name first: a link that only expands "alle Partnerstädte"
 * (`expansion`) counts for sharing, not for the order, since it puts every pair of partners
 * alike.
 */
function partnersProjection(city: Cypher.Node, selection: PartnersSelection): Projection {
  const link = new Cypher.Relationship();
  const actionsOf = (c: Cypher.Variable, a: Cypher.Node) =>
    new Cypher.Pattern(c)
      .related({
        type: relationshipType('BASED_IN'),
        direction: 'left',
        length: { min: 0, max: 1 },
      })
      .to({ labels: 'Entity' })
      .related(link, { type: relationshipType('LEADS', 'CONTRIBUTES_TO'), direction: 'right' })
      .to(a, { labels: nodeLabel('Action') });
  const meetingsOf = (c: Cypher.Variable, m: Cypher.Node) =>
    new Cypher.Pattern(c)
      .related({
        type: relationshipType('BASED_IN'),
        direction: 'left',
        length: { min: 0, max: 1 },
      })
      .to({ labels: 'Entity' })
      .related(link, {
        type: relationshipType('TOOK_PART_IN', 'HELD_IN'),
        direction: 'undirected',
      })
      .to(m, { labels: nodeLabel('Meeting') });
  const byName = Cypher.isNull(link.property('expansion'));

  const [a, m, other] = [new Cypher.Node(), new Cypher.Node(), new Cypher.Node()];
  const [myActions, myMeetings, theirActions, theirMeetings] = [0, 0, 0, 0].map(
    () => new Cypher.Variable(),
  ) as [Cypher.Variable, Cypher.Variable, Cypher.Variable, Cypher.Variable];
  const [myNamed, theirNamed] = [new Cypher.Variable(), new Cypher.Variable()];
  const [sharedActions, sharedMeetings, sharedByName] = [0, 0, 0].map(
    () => new Cypher.Variable(),
  ) as [Cypher.Variable, Cypher.Variable, Cypher.Variable];

  const otherProjection = nodeProjection(other, selection.city);
  const actionProjection = nodeProjection(a, selection.sharedActions);
  const meetingProjection = nodeProjection(m, selection.sharedMeetings);
  const shared = (list: Cypher.Variable, theirs: Cypher.Variable) => {
    const item = new Cypher.Variable();
    return new Cypher.ListComprehension(item).in(list).where(Cypher.in(item, theirs));
  };
  const projected = (list: Cypher.Variable, item: Cypher.Variable, projection: Projection) =>
    new Cypher.ListComprehension(item).in(list).map(projection.expr);

  // COLLECT subqueries, not collect(): an aggregation inside the node's tuple would group by it.
  // The city's lists in the order the partnership shows them; the other city's only tested
  // for membership, so unordered.
  const distinctActions = (c: Cypher.Node) =>
    new Cypher.Collect(
      new Cypher.Match(actionsOf(c, a)).with(a).distinct().orderBy(a.property('name')).return(a),
    );
  const distinctMeetings = (c: Cypher.Node) =>
    new Cypher.Collect(
      new Cypher.Match(meetingsOf(c, m))
        .with(m)
        .distinct()
        .orderBy(...chronological(m))
        .return(m),
    );
  const anyOrder = (pattern: Cypher.Pattern, n: Cypher.Node) =>
    new Cypher.Collect(new Cypher.Match(pattern).return(n).distinct());
  // what a city does by name: its actions and meetings, unordered (only for counting)
  const named = (c: Cypher.Node) =>
    Cypher.plus(
      new Cypher.Collect(new Cypher.Match(actionsOf(c, a)).where(byName).return(a)),
      new Cypher.Collect(new Cypher.Match(meetingsOf(c, m)).where(byName).return(m)),
    );
  const item = new Cypher.Variable();
  const sharedNamed = (list: Cypher.Variable) =>
    new Cypher.ListComprehension(item)
      .in(list)
      .where(Cypher.and(Cypher.in(item, myNamed), Cypher.in(item, theirNamed)));
  // The partners are found from the city's own actions and meetings, not by testing every
  // city of the graph: a city shares nothing with the other networks' thousands of cities.
  const involved = new Cypher.Node();
  const partnerOf = new Cypher.Pattern(involved)
    .related({
      type: relationshipType('LEADS', 'CONTRIBUTES_TO', 'TOOK_PART_IN', 'HELD_IN'),
      direction: 'undirected',
    })
    .to({ labels: 'Entity' })
    .related({ type: relationshipType('BASED_IN'), direction: 'right', length: { min: 0, max: 1 } })
    .to(other, { labels: nodeLabel('City') });
  // The city's own lists first, once: inside the per-partner WITH the planner computed them
  // again for every partner.
  const subquery = new Cypher.With(
    [distinctActions(city), myActions],
    [distinctMeetings(city), myMeetings],
    [named(city), myNamed],
  )
    .unwind([Cypher.plus(myActions, myMeetings), involved])
    .match(partnerOf)
    .where(Cypher.neq(other, city))
    .with(other, myActions, myMeetings, myNamed)
    .distinct()
    .with(
      other,
      myActions,
      myMeetings,
      myNamed,
      [anyOrder(actionsOf(other, a), a), theirActions],
      [anyOrder(meetingsOf(other, m), m), theirMeetings],
      [named(other), theirNamed],
    )
    .with(
      other,
      myNamed,
      theirNamed,
      [shared(myActions, theirActions), sharedActions],
      [shared(myMeetings, theirMeetings), sharedMeetings],
    )
    .with(other, sharedActions, sharedMeetings, [
      Cypher.plus(
        Cypher.size(sharedNamed(sharedActions)),
        Cypher.size(sharedNamed(sharedMeetings)),
      ),
      sharedByName,
    ])
    .orderBy(
      [sharedByName, 'DESC'],
      [Cypher.plus(Cypher.size(sharedActions), Cypher.size(sharedMeetings)), 'DESC'],
      other.property('name'),
    )
    .return(
      new Cypher.List([
        otherProjection.expr,
        projected(sharedActions, a, actionProjection),
        projected(sharedMeetings, m, meetingProjection),
      ]),
    );
  const decodePartnership = (value: unknown) => {
    const [city, actions, meetings] = value as [unknown, unknown[], unknown[]];
    return {
      city: otherProjection.decode(city),
      sharedActions: actions.map(actionProjection.decode),
      sharedMeetings: meetings.map(meetingProjection.decode),
    };
  };
  return {
    expr: new Cypher.Collect(subquery),
    decode: (value) => (value as unknown[]).map(decodePartnership),
  };
}
