// schema.graphql and src/model describe the same graph: the entity kinds are the types that
// implement Entity, the actor kinds those that implement Actor, and every field that reaches
// another node is a RELATIONSHIP_FIELDS entry with the schema's cardinality and type.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { generateGraph } from '../../bench/generate';
import { MODEL_FILES, readModelFile } from '../../scripts/generate-model-files';
import {
  ACTOR_LABELS,
  ENTITY_KINDS,
  ENTITY_LABELS,
  RECORD_LABELS,
  RELATIONSHIP_FIELDS,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type RelationshipField,
} from '../../src/model';

const SCHEMA_TEXT = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');

/**
 * Fields that reach other nodes (through a type of their own) yet are no relationship of the
 * model, and why. An interface's field stands for the field on each type implementing it.
 */
const COMPUTED_FIELDS: Record<string, string> = {
  'City.partners':
    'partner cities are computed from LEADS, CONTRIBUTES_TO and TOOK_PART_IN (also through the ' +
    "city's institutions), not stored",
  'Entity.claims': 'the values sources state for a property, each with its own sources',
};

const fields = RELATIONSHIP_FIELDS as readonly RelationshipField[];

/** The labels a value of this named GraphQL type may have. */
function labelsOf(schema: GraphQLSchema, type: GraphQLNamedType): readonly string[] {
  if (isInterfaceType(type)) return schema.getImplementations(type).objects.map((o) => o.name);
  return [type.name];
}

function isLink(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  const link = schema.getType('Link');
  return isObjectType(type) && isInterfaceType(link) && schema.isSubType(link, type);
}

/** Whether a field of this type can hold every one of these labels. */
function covers(schema: GraphQLSchema, type: GraphQLOutputType, labels: readonly string[]) {
  const possible = labelsOf(schema, getNamedType(type));
  return labels.every((label) => possible.includes(label));
}

/** Where schema and model disagree, one sentence each; empty when they agree. */
function disagreements(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const entity = schema.getType('Entity');
  const actor = schema.getType('Actor');
  if (!isInterfaceType(entity) || !isInterfaceType(actor)) return ['Entity or Actor is missing'];

  const entityTypes = schema.getImplementations(entity).objects.map((o) => o.name);
  const actorTypes = schema.getImplementations(actor).objects.map((o) => o.name);
  for (const label of ENTITY_LABELS) {
    if (!entityTypes.includes(label))
      problems.push(`${label} is no object type implementing Entity`);
  }
  for (const name of entityTypes) {
    if (!(ENTITY_LABELS as readonly string[]).includes(name))
      problems.push(`${name} implements Entity but is no entity kind`);
  }
  if ([...actorTypes].sort().join() !== [...ACTOR_LABELS].sort().join())
    problems.push(`Actor is implemented by ${actorTypes} but the actor kinds are ${ACTOR_LABELS}`);

  for (const f of fields) {
    const where = `${f.owner}.${f.field}`;
    const owner = schema.getType(f.owner);
    const field = isObjectType(owner) ? owner.getFields()[f.field] : undefined;
    if (!isObjectType(owner) || !field) {
      problems.push(`${where} is in the model but not in the schema`);
      continue;
    }
    const nullable = isNonNullType(field.type) ? field.type.ofType : field.type;
    if (isListType(nullable) === Boolean(f.one))
      problems.push(
        `${where} is ${String(field.type)} but the model says ${f.one ? 'to-one' : 'a list'}`,
      );
    const named = getNamedType(field.type);
    if (f.link) {
      const link = schema.getType(f.link.type);
      if (named.name !== f.link.type || !link || !isLink(schema, link)) {
        problems.push(`${where} is ${String(field.type)}, not the link type ${f.link.type}`);
        continue;
      }
      const ends = (link as GraphQLObjectType).getFields();
      const end = ends[f.link.end];
      if (!end || !covers(schema, end.type, f.target))
        problems.push(`${f.link.type}.${f.link.end} cannot hold ${f.target} (${where})`);
      const start = f.link.start === undefined ? undefined : ends[f.link.start];
      if (f.link.start !== undefined && (!start || !covers(schema, start.type, [f.owner])))
        problems.push(`${f.link.type}.${f.link.start} cannot hold ${f.owner} (${where})`);
    } else if (isLink(schema, named)) {
      problems.push(`${where} returns the link type ${named.name} but the model has no link`);
    } else if (!covers(schema, field.type, f.target)) {
      problems.push(`${where} is ${String(field.type)}, which cannot hold ${f.target}`);
    }
  }

  // Every field of a node type that reaches other nodes — directly, as a link, or through a
  // type of its own such as Partnership — is in the model or is computed on purpose.
  const nodeTypes = new Set<string>([...ENTITY_LABELS, ...RECORD_LABELS, 'Entity', 'Actor']);
  const isNodeOrLink = (type: GraphQLNamedType) => nodeTypes.has(type.name) || isLink(schema, type);
  const reachesNodes = (field: GraphQLField<unknown, unknown>) => {
    const type = getNamedType(field.type);
    if (isNodeOrLink(type)) return true;
    return (
      isObjectType(type) &&
      Object.values(type.getFields()).some((inner) => isNodeOrLink(getNamedType(inner.type)))
    );
  };
  const modelled = new Set(fields.map((f) => `${f.owner}.${f.field}`));
  for (const name of [...ENTITY_LABELS, ...RECORD_LABELS]) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue; // an entity kind without a type is reported above
    for (const field of Object.values(type.getFields()).filter(reachesNodes)) {
      const where = `${name}.${field.name}`;
      const computed = [type, ...type.getInterfaces()].some(
        (owner) =>
          owner.getFields()[field.name] && `${owner.name}.${field.name}` in COMPUTED_FIELDS,
      );
      if (!modelled.has(where) && !computed)
        problems.push(`${where} reaches other nodes but is not in RELATIONSHIP_FIELDS`);
    }
  }
  return problems;
}

describe('schema.graphql and src/model agree', () => {
  const schema = buildSchema(SCHEMA_TEXT);

  it('has no disagreement', () => {
    expect(disagreements(schema)).toEqual([]);
  });

  it('covers the relationship fields of every node type it checks', () => {
    // The check above walks these types; a rename in the schema would make it walk nothing.
    for (const name of [...ENTITY_LABELS, ...RECORD_LABELS])
      expect(schema.getType(name)).toBeDefined();
    for (const where of Object.keys(COMPUTED_FIELDS)) {
      const [owner, field] = where.split('.') as [string, string];
      expect((schema.getType(owner) as GraphQLObjectType).getFields()[field]).toBeDefined();
    }
  });

  // Each edit below breaks one kind of agreement; the check must notice it.
  it.each([
    ['a to-one field becomes a list', 'country: Country!', 'country: [Country!]!'],
    ['a list becomes to-one', 'cities: [City!]!\n}', 'cities: City\n}'],
    [
      'a field goes (with its description)',
      '  """\n  The meeting before it, in chronological order.\n  """\n  previous: Meeting\n',
      '\n',
    ],
    ['a field reaches a type its targets are not', 'venue: Institution', 'venue: City'],
    ['a link field returns plain nodes', 'leadership: [Lead!]!', 'leadership: [Actor!]!'],
    ['a link end narrows', 'member: Actor!', 'member: City!'],
    ['a new relationship field', 'parts: [Action!]!', 'parts: [Action!]!\n  siblings: [Action!]!'],
    [
      'a new field reaches nodes through a type of its own',
      'parts: [Action!]!',
      'parts: [Action!]!\n  shared: [Partnership!]!',
    ],
    [
      'a kind stops being an Actor',
      'type City implements Entity & Actor',
      'type City implements Entity',
    ],
  ])('notices when %s', (_what, from, to) => {
    expect(SCHEMA_TEXT).toContain(from);
    const changed = buildSchema(SCHEMA_TEXT.replace(from, to), { assumeValid: true });
    expect(disagreements(changed)).not.toEqual([]);
  });
});

describe('src/model is consistent in itself', () => {
  const types = new Map(RELATIONSHIP_TYPES.map((r) => [r.type, r]));

  it('gives every kind a unique id prefix ending in a slash', () => {
    const prefixes = ENTITY_KINDS.map((kind) => kind.idPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[a-z]+\/$/);
  });

  it('walks each relationship field along relationships that join its owner and targets', () => {
    for (const f of fields) {
      const reached = new Set<NodeLabel>();
      for (const step of f.via) {
        const type = types.get(step.type)!;
        const [near, far] = step.direction === 'out' ? [type.from, type.to] : [type.to, type.from];
        expect({
          field: `${f.owner}.${f.field}`,
          step,
          joinsOwner: near.includes(f.owner as never),
        }).toEqual({ field: `${f.owner}.${f.field}`, step, joinsOwner: true });
        far.filter((label) => f.target.includes(label)).forEach((label) => reached.add(label));
      }
      expect({ field: `${f.owner}.${f.field}`, reached: [...reached].sort() }).toEqual({
        field: `${f.owner}.${f.field}`,
        reached: [...f.target].sort(),
      });
    }
  });

  it('names each relationship field once', () => {
    const names = fields.map((f) => `${f.owner}.${f.field}`);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});

describe('what restates the model follows it', () => {
  it.each(MODEL_FILES.map((file) => [file.path, file]))(
    '%s is as `npm run generate:model` writes it',
    (_path, file) => {
      const current = readModelFile(file.path);
      expect(current).toBe(file.generate(current));
    },
  );

  it("draws every kind in Neo4j Browser in the model's colours", () => {
    const grass = readModelFile('cypher/browser-style.grass');
    for (const kind of ENTITY_KINDS) {
      expect(grass).toContain(`node.${kind.label} {\n  color: ${kind.style.color};`);
    }
  });

  it('lists every kind and relationship in docs/graph-model.md', () => {
    const doc = readModelFile('docs/graph-model.md');
    for (const kind of ENTITY_KINDS) expect(doc).toContain(`| \`${kind.label}\``);
    for (const { type } of RELATIONSHIP_TYPES) expect(doc).toContain(`[:${type}]`);
  });

  it("joins in the bench generator's graph only the labels the model joins", () => {
    const graph = generateGraph(2);
    const labelOf = new Map(
      graph.nodes.map((node) => [node.id, node.labels.find((label) => label !== 'Entity')!]),
    );
    const types = new Map(RELATIONSHIP_TYPES.map((r) => [r.type, r]));
    const wrong = graph.relationships.filter((rel) => {
      const type = types.get(rel.type as never);
      const [from, to] = [labelOf.get(rel.from), labelOf.get(rel.to)];
      return !type || !type.from.includes(from as never) || !type.to.includes(to as never);
    });
    expect(wrong).toEqual([]);
    // Each relationship the generator could make (it makes nodes of both its ends' kinds) and
    // leaves out, with the reason. One to a kind it does not make (the fact file's projects, a
    // kind added to the model) it leaves out by construction.
    const made = new Set<string>(labelOf.values());
    const left = {
      HELD_WITH: 'rare in the report: one pair of meetings',
      OPENED: "the news' centres: the report's shape has none",
      HOUSED_AT: "the news' centres: the report's shape has none",
    };
    const generated = new Set(graph.relationships.map((rel) => rel.type));
    const joinable = RELATIONSHIP_TYPES.filter(
      (r) => r.from.some((label) => made.has(label)) && r.to.some((label) => made.has(label)),
    );
    expect(joinable.map((r) => r.type).filter((type) => !generated.has(type))).toEqual(
      Object.keys(left),
    );
  });
});
