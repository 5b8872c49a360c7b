import { AnnotationError } from '../../ingest/errors';
import { GraphAccumulator, Origin } from '../../ingest/graph-accumulator';
import type { GraphData, GraphNode } from '../../ingest/graph-data';
import { sourceId } from '../../ingest/source-passages';
import type { SourceContext } from '../types';
import type { Facts } from './read';
import { graphKindOf, type FactEntity, type PropertyFact } from './schema';

/** The contract's InstitutionKind for the file's organisation kinds it has no value for. */
const INSTITUTION_KIND: Record<string, string> = {
  MUNICIPALITY: 'GOVERNMENT',
  DEVELOPMENT_AGENCY: 'OTHER',
  ASSOCIATION: 'OTHER',
};

/** Properties a document states several values of, and the list property they are stored as. */
const LIST_PROPERTIES: Record<string, string> = {
  objective: 'objectives',
  cooperatesWith: 'cooperatesWith',
};

/** The report is the record of the project's partner meetings: each of them is one of it. */
const REPORT_MEETINGS_NOTE = "the report is about this project's partner meetings";

/** A value some documents state for a property, as Project.claims lists it. */
export type StoredClaim = {
  property: string;
  value: string;
  basis: 'STATED' | 'INFERRED';
  preferred: boolean;
  note: string;
  sourceIds: string[];
};

/**
 * The fact file's graph: its entities (merged into the graph's where data/identities.yaml
 * says they are the same), each fact a cited Source (not verbatim: the file is in our words)
 * in the document it cites, and the project's partners, work packages and meetings.
 */
export function factsToGraph(facts: Facts, context: SourceContext): GraphData {
  const graph = new GraphAccumulator();
  const same = new Map(facts.identities.same.map((d) => [d.fact, d]));
  const byId = new Map(facts.entities.map((entity) => [entity.id, entity]));
  const idOf = (factId: string): string =>
    same.get(factId)?.entity ?? `${graphKindOf(byId.get(factId)!.type).prefix}${factId}`;
  const identitiesOrigin = (fact: string): Origin => ({ file: 'identities.yaml', entry: fact });

  const citedSource = (cite: string, quote: string, origin: Origin): string => {
    const { documentId, title, place } = facts.citation(cite);
    const id = sourceId(documentId, place, quote);
    if (!graph.hasNode(id)) {
      graph.addNode(
        {
          labels: ['Source'],
          id,
          props: { document: title, section: place, quote, verbatim: false },
        },
        origin,
      );
      graph.addRelationship({ type: 'IN_DOCUMENT', from: id, to: documentId, props: {} }, origin);
    }
    return id;
  };
  const statedIn = (entityId: string, source: string, origin: Origin) =>
    graph.addRelationship({ type: 'STATED_IN', from: entityId, to: source, props: {} }, origin, {
      once: true,
    });

  // Entities merged into an existing one: it keeps its properties and gains the file's names,
  // and each identity decision as a claim of its name: INFERRED, with the decision's reason.
  const merged = new Map<string, { names: Set<string>; claims: StoredClaim[] }>();
  for (const entity of facts.entities) {
    const decision = same.get(entity.id);
    if (decision === undefined) continue;
    const existing = context.nodes.get(decision.entity);
    if (!existing) {
      throw new AnnotationError(
        'identities.yaml',
        entity.id,
        `"${decision.entity}" is not in the graph`,
      );
    }
    // the project is merged where its properties are (addProject)
    if (entity.type === 'Project') continue;
    const entry = merged.get(decision.entity) ?? { names: new Set<string>(), claims: [] };
    entry.names.add(entity.name);
    if ('abbreviation' in entity && entity.abbreviation) entry.names.add(entity.abbreviation);
    const origin = { file: facts.file, entry: entity.id };
    const source = citedSource(entity.cite, entity.says ?? entity.name, origin);
    entry.claims.push(identityClaim(entity.name, existing, decision.reason, source));
    merged.set(decision.entity, entry);
  }
  for (const [id, { names, claims }] of merged) {
    const { labels, props } = context.nodes.get(id)!;
    const aliases = withAliases(props, names);
    graph.addNode(
      { labels, id, props: { ...props, aliases, claims: JSON.stringify(claims) } },
      identitiesOrigin(id),
    );
  }

  const addProject = (
    entity: Extract<FactEntity, { type: 'Project' }>,
    id: string,
    origin: Origin,
  ) => {
    const sourceOf = (fact: PropertyFact) =>
      citedSource(fact.cite, fact.says ?? String(fact.value), origin);
    const { props, claims } = projectProperties(entity.properties, facts, sourceOf);
    // the report's node of the project, where data/identities.yaml says it is this one
    const decision = same.get(entity.id);
    const existing = decision ? context.nodes.get(decision.entity) : undefined;
    if (existing && decision) {
      const [first] = entity.properties;
      claims.unshift(identityClaim(entity.name, existing, decision.reason, sourceOf(first!)));
    }
    const name = (existing?.props.name as string | undefined) ?? entity.name;
    graph.addNode(
      {
        labels: existing?.labels ?? ['Entity', 'Project'],
        id,
        props: {
          ...existing?.props,
          name,
          ...props,
          aliases: withAliases({ ...existing?.props, name }, [entity.name]),
          claims: JSON.stringify(claims),
        },
      },
      origin,
    );
    for (const fact of entity.properties) statedIn(id, sourceOf(fact), origin);
    // The report's meetings are this project's: read, not stated, hence INFERRED.
    for (const node of context.nodes.values()) {
      if (!node.labels.includes('Meeting')) continue;
      const link = { inferred: true, note: REPORT_MEETINGS_NOTE, sourceIds: [] };
      graph.addRelationship({ type: 'IN_PROJECT', from: node.id, to: id, props: link }, origin);
    }
  };

  for (const entity of facts.entities) {
    const origin = { file: facts.file, entry: entity.id };
    const id = idOf(entity.id);
    if (entity.type === 'Project') {
      addProject(entity, id, origin);
      continue;
    }
    if (!same.has(entity.id)) {
      const props = newEntityProps(entity);
      graph.addNode({ labels: ['Entity', graphKindOf(entity.type).label], id, props }, origin);
    }
    const source = citedSource(entity.cite, entity.says ?? entity.name, origin);
    statedIn(id, source, origin);
    const cited = { sourceIds: [source] };
    switch (entity.type) {
      case 'City': {
        // the report names no country for Leipzig: the fact sheet does
        const country = [...context.nodes.values()].find(
          (node) => node.labels.includes('Country') && node.props.name === entity.country,
        );
        if (country) {
          const quote = `${entity.name}, ${entity.country}`;
          statedIn(country.id, citedSource(entity.cite, quote, origin), origin);
        }
        break;
      }
      case 'Event':
        graph.addRelationship(
          { type: 'HELD_IN', from: id, to: idOf(entity.city), props: {} },
          origin,
        );
        if (entity.venue) {
          const to = idOf(entity.venue);
          graph.addRelationship({ type: 'AT_VENUE', from: id, to, props: {} }, origin);
        }
        break;
      case 'WorkPackage':
      case 'Result':
        graph.addRelationship(
          { type: 'IN_PROJECT', from: id, to: idOf(entity.project), props: cited },
          origin,
        );
        break;
      case 'Organisation':
      case 'Venue':
      case 'Centre':
        // a merged entity keeps the report's own links
        if (same.has(entity.id)) break;
        if ('city' in entity && entity.city) {
          const to = idOf(entity.city);
          graph.addRelationship({ type: 'BASED_IN', from: id, to, props: {} }, origin);
        }
        if ('partOf' in entity && entity.partOf && !idOf(entity.partOf).startsWith('city/')) {
          // MEMBER_OF joins institutions: a department of a city (a City node) stays unlinked
          const props = { role: 'part of', ...cited };
          const to = idOf(entity.partOf);
          graph.addRelationship({ type: 'MEMBER_OF', from: id, to, props }, origin);
        }
        break;
      default:
        break;
    }
  }

  for (const relation of facts.relations) {
    const origin = { file: facts.file, entry: `${relation.from} ${relation.type} ${relation.to}` };
    const [from, to] = [idOf(relation.from), idOf(relation.to)];
    const quote =
      relation.says ?? `${byId.get(relation.from)!.name}: ${relation.role ?? relation.type}`;
    const props = { role: relation.role, sourceIds: [citedSource(relation.cite, quote, origin)] };
    switch (relation.type) {
      case 'PARTNER_OF':
        graph.addRelationship({ type: 'PARTNER_IN', from, to, props }, origin);
        break;
      case 'HELD':
        // the project held the event: the event is one of the project's meetings
        graph.addRelationship({ type: 'IN_PROJECT', from: to, to: from, props }, origin);
        break;
      default:
        // LEADS, OPENED, HOUSED_AT and any other type of the model: as it is
        graph.addRelationship({ type: relation.type, from, to, props }, origin);
    }
  }

  // Links between an entity of the report and one of this file (data/identities.yaml `links`):
  // our reading of the two documents, so INFERRED with the reason, citing the file's fact.
  for (const link of facts.identities.links) {
    const origin = { file: 'identities.yaml', entry: `${link.entity} ${link.type} ${link.fact}` };
    const fact = byId.get(link.fact)!;
    if (fact.type === 'Project')
      throw new AnnotationError(origin.file, origin.entry, 'links no project');
    if (!context.nodes.has(link.entity)) {
      throw new AnnotationError(origin.file, origin.entry, `"${link.entity}" is not in the graph`);
    }
    const source = citedSource(fact.cite, fact.says ?? fact.name, origin);
    const props = { inferred: true, note: link.reason, sourceIds: [source] };
    graph.addRelationship(
      { type: link.type, from: link.entity, to: idOf(link.fact), props },
      origin,
    );
  }

  // Nodes of other sources this graph points at (the report's, the documents) come along
  // unchanged, so that the writer can match them.
  const data = graph.toGraphData();
  const own = new Set(data.nodes.map((node) => node.id));
  for (const rel of data.relationships) {
    for (const end of [rel.from, rel.to]) {
      if (own.has(end)) continue;
      const node = context.nodes.get(end);
      if (!node) {
        throw new AnnotationError(facts.file, end, 'is referred to but is in no source');
      }
      data.nodes.push(node);
      own.add(end);
    }
  }
  return data;
}

/** The node's aliases with `names` added, except its own name and German name. */
function withAliases(props: Record<string, unknown>, names: Iterable<string>): string[] {
  const own = [props.name, props.nameDe];
  const aliases = [...((props.aliases as string[] | undefined) ?? [])];
  for (const name of names) if (!own.includes(name) && !aliases.includes(name)) aliases.push(name);
  return aliases;
}

/**
 * That the file's entity `name` is the graph's entity `existing` (data/identities.yaml, same),
 * as a claim of its name: our reading, so INFERRED, with the decision's reason and the file's
 * fact as source; preferred where the file's name is the entity's.
 */
function identityClaim(
  name: string,
  existing: GraphNode,
  reason: string,
  sourceId: string,
): StoredClaim {
  const preferred = existing.props.name === name;
  return {
    property: 'name',
    value: name,
    basis: 'INFERRED',
    preferred,
    note: `one identity across documents: the fact file's "${name}" is this entity (${reason})`,
    sourceIds: [sourceId],
  };
}

function newEntityProps(entity: FactEntity): Record<string, unknown> {
  const base = { name: entity.name };
  switch (entity.type) {
    case 'Organisation':
      return {
        ...base,
        kind: INSTITUTION_KIND[entity.kind] ?? entity.kind,
        aliases: entity.abbreviation ? [entity.abbreviation] : [],
      };
    case 'Venue':
      return { ...base, kind: 'OTHER' };
    case 'Centre':
      return { ...base, kind: 'CONTACT_POINT', note: entity.says };
    case 'WorkPackage':
      return { ...base, kind: 'WORK_PACKAGE' };
    case 'Result':
      return { ...base, kind: 'ANALYSIS', description: entity.says };
    case 'Event':
      return {
        ...base,
        kind: 'CONFERENCE',
        status: 'HELD',
        date: entity.date,
        year: Number(entity.date.slice(0, 4)),
      };
    default:
      return base;
  }
}

/**
 * The project's properties, and its claims: for each property that more than one document
 * states, every stated value. The newest document's value is preferred (documents date from
 * different stages of the project: a later one knows its changed plans) and is the property.
 */
export function projectProperties(
  facts: PropertyFact[],
  file: Pick<Facts, 'citation'>,
  sourceOf: (fact: PropertyFact) => string,
): { props: Record<string, unknown>; claims: StoredClaim[] } {
  const props: Record<string, unknown> = {};
  const claims: StoredClaim[] = [];
  const byProperty = new Map<string, PropertyFact[]>();
  for (const fact of facts) {
    byProperty.set(fact.property, [...(byProperty.get(fact.property) ?? []), fact]);
  }
  for (const [property, stated] of byProperty) {
    const list = LIST_PROPERTIES[property];
    if (list) {
      props[list] = stated.map((fact) => fact.value);
      continue;
    }
    const dated = stated.map((fact) => ({ fact, citation: file.citation(fact.cite) }));
    // newest first; the sort is stable, so a document's first statement wins a tie
    dated.sort((a, b) => (b.citation.date ?? '').localeCompare(a.citation.date ?? ''));
    const [preferred] = dated;
    props[property] = preferred!.fact.value;
    const documents = new Set(dated.map(({ citation }) => citation.documentId));
    if (documents.size < 2) continue;
    const describe = ({ citation }: (typeof dated)[number]) =>
      `${citation.title} (${citation.date ?? 'undated'})`;
    for (const entry of dated) {
      const isPreferred = entry === preferred;
      claims.push({
        property,
        value: String(entry.fact.value),
        basis: 'STATED',
        preferred: isPreferred,
        note: isPreferred
          ? `preferred: stated by the newest document, ${describe(entry)}`
          : `stated by the older ${describe(entry)}; ${describe(preferred!)} is newer`,
        sourceIds: [sourceOf(entry.fact)],
      });
    }
  }
  return { props, claims };
}
