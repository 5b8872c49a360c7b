// `npm run generate:model`: writes the files that restate the model (src/model) for people and
// tools outside the code: the Neo4j Browser style and the generated parts of
// docs/graph-model.md. test/unit/model.test.ts fails when a committed one is stale.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';
import {
  ACTOR_LABELS,
  ENTITY_KINDS,
  ENTITY_LABELS,
  RELATIONSHIP_FIELDS,
  RELATIONSHIP_TYPES,
  entityKind,
  type RecordLabel,
  type RelationshipField,
  type RelationshipTypeName,
} from '../src/model';

const ROOT = path.join(__dirname, '..');

// ---- cypher/browser-style.grass -------------------------------------------------------------

/** Neo4j Browser draws captions inside the node: at the explorer's sizes a name would not fit. */
const BROWSER_SCALE = 1.75;
const DARK_TEXT = '#2A2C34';
const LIGHT_TEXT = '#FFFFFF';

/** Nodes that are no entity kind have no style in the model; these are the Browser's own. */
const RECORD_STYLES: Record<
  RecordLabel,
  { color: string; border: string; diameter: number; caption: string }
> = {
  Statement: { color: '#D9C8AE', border: '#C0A378', diameter: 35, caption: '{textEn}' },
  Source: { color: '#ECB5C9', border: '#DA7298', diameter: 25, caption: '{section}' },
  Document: { color: '#D3D5DA', border: '#A5ABB6', diameter: 40, caption: '{title}' },
};

/**
 * How the Browser draws relationships: the ones people follow most stand out in the colour of
 * the node they lead to; qualified ones whose role says more than their type show the role.
 */
const RELATIONSHIP_STYLES: Partial<
  Record<RelationshipTypeName, { color?: string; shaftWidth?: number; caption: string }>
> = {
  LEADS: { color: entityKind('Action').style.border, shaftWidth: 3, caption: '<type>' },
  CONTRIBUTES_TO: { color: entityKind('Action').style.color, shaftWidth: 2, caption: '{role}' },
  TOOK_PART_IN: { caption: '{role}' },
  NEXT: { color: entityKind('Meeting').style.border, shaftWidth: 3, caption: '<type>' },
  MEMBER_OF: { caption: '{role}' },
  PARTNER_IN: { caption: '{role}' },
  STATED_IN: { color: RECORD_STYLES.Source.border, caption: '<type>' },
  MENTIONS: { color: RECORD_STYLES.Statement.border, caption: '<type>' },
};

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The caption colour with the higher contrast on this fill. */
function textColourOn(fill: string): string {
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  return contrast(fill, LIGHT_TEXT) >= contrast(fill, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

function block(selector: string, properties: Record<string, string | number | undefined>) {
  const lines = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `  ${name}: ${value};`);
  return `${selector} {\n${lines.join('\n')}\n}\n`;
}

export function browserStyle(): string {
  const nodeStyle = (
    label: string,
    style: { color: string; border: string; diameter: number; caption: string },
  ) =>
    block(`node.${label}`, {
      color: style.color,
      'border-color': style.border,
      'text-color-internal': textColourOn(style.color),
      diameter: `${style.diameter}px`,
      caption: `"${style.caption}"`,
    });
  return [
    block('node', {
      diameter: '50px',
      color: '#A5ABB6',
      'border-color': '#9AA1AC',
      'border-width': '2px',
      'text-color-internal': '#FFFFFF',
      'font-size': '10px',
      caption: '"{name}"',
    }),
    block('relationship', {
      color: '#A5ABB6',
      'shaft-width': '1px',
      'font-size': '8px',
      padding: '3px',
      'text-color-external': '#000000',
      'text-color-internal': '#FFFFFF',
      caption: '"<type>"',
    }),
    ...ENTITY_KINDS.map(({ label, style }) =>
      nodeStyle(label, {
        color: style.color,
        border: style.border,
        diameter: Math.round(style.size * BROWSER_SCALE),
        caption: '{name}',
      }),
    ),
    ...Object.entries(RECORD_STYLES).map(([label, style]) => nodeStyle(label, style)),
    ...Object.entries(RELATIONSHIP_STYLES).map(([type, style]) =>
      block(`relationship.${type}`, {
        color: style.color,
        'shaft-width': style.shaftWidth === undefined ? undefined : `${style.shaftWidth}px`,
        caption: `"${style.caption}"`,
      }),
    ),
  ].join('\n');
}

// ---- docs/graph-model.md --------------------------------------------------------------------

const fields = RELATIONSHIP_FIELDS as readonly RelationshipField[];
const code = (text: string) => `\`${text}\``;

/** A set of labels as the docs name it: all entity kinds are `Entity`, all actor kinds `Actor`. */
function labelSet(labels: readonly string[]): string {
  let rest = [...labels];
  const names: string[] = [];
  for (const [name, members] of [
    ['Entity', ENTITY_LABELS],
    ['Actor', ACTOR_LABELS],
  ] as const) {
    if (members.every((label) => rest.includes(label))) {
      names.push(name);
      rest = rest.filter((label) => !(members as readonly string[]).includes(label));
    }
  }
  return [...names, ...rest].join('|');
}

/**
 * The fields of a GraphQL type that hold values (scalars and enums), as the schema types them,
 * but its id and the fields of its interfaces (said once in the text).
 */
function propertiesOf(schema: GraphQLSchema, label: string): string {
  const type = schema.getType(label);
  if (!isObjectType(type)) throw new Error(`schema.graphql has no type ${label}`);
  const common = new Set(type.getInterfaces().flatMap((i) => Object.keys(i.getFields())));
  return Object.values(type.getFields())
    .filter((field) => !common.has(field.name) && field.name !== 'id')
    .filter((field) => {
      const named = getNamedType(field.type);
      return isScalarType(named) || isEnumType(named);
    })
    .map((field) => code(`${field.name}: ${field.type}`))
    .join(', ');
}

/** A Markdown table with its columns aligned, as `npm run format` (Prettier) leaves it. */
function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function kindsTable(schema: GraphQLSchema): string {
  return table(
    ['Label', 'called', 'id prefix', 'Actor', 'also searched', 'properties'],
    ENTITY_KINDS.map((kind) => [
      code(kind.label),
      `${kind.title.en} / ${kind.title.de}`,
      code(kind.idPrefix),
      kind.actor ? 'yes' : '',
      (kind.searchable as readonly string[]).map(code).join(', '),
      propertiesOf(schema, kind.label),
    ]),
  );
}

function recordsTable(schema: GraphQLSchema): string {
  return table(
    ['Label', 'properties'],
    Object.keys(RECORD_STYLES).map((label) => [code(label), propertiesOf(schema, label)]),
  );
}

function relationshipsTable(): string {
  return table(
    ['Relationship', 'qualified', 'meaning', 'GraphQL fields that traverse it'],
    RELATIONSHIP_TYPES.map((r) => [
      code(`(${labelSet(r.from)})-[:${r.type}]->(${labelSet(r.to)})`),
      r.qualified ? 'yes' : '',
      r.meaning,
      fields
        .filter((f) => f.via.some((step) => step.type === r.type))
        .map((f) => code(`${f.owner}.${f.field}`) + (f.link ? ` (${f.link.type})` : ''))
        .join(', '),
    ]),
  );
}

/** Replaces the text between `<!-- generated: name -->` and `<!-- end generated -->`. */
function fillIn(document: string, parts: Record<string, string>): string {
  let result = document;
  for (const [name, content] of Object.entries(parts)) {
    const start = `<!-- generated: ${name} (npm run generate:model) -->`;
    const from = result.indexOf(start);
    const to = result.indexOf('<!-- end generated -->', from);
    if (from < 0 || to < 0) throw new Error(`docs/graph-model.md lacks the markers of ${name}`);
    result = `${result.slice(0, from + start.length)}\n\n${content}\n\n${result.slice(to)}`;
  }
  return result;
}

export function graphModelDoc(current: string): string {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
  return fillIn(current, {
    kinds: kindsTable(schema),
    records: recordsTable(schema),
    relationships: relationshipsTable(),
  });
}

// ---- the files ------------------------------------------------------------------------------

/** Each file this script writes, and its text made from the model and the file as it is. */
export const MODEL_FILES: readonly {
  path: string;
  generate: (current: string) => string;
}[] = [
  { path: 'cypher/browser-style.grass', generate: browserStyle },
  { path: 'docs/graph-model.md', generate: graphModelDoc },
];

export const readModelFile = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

if (require.main === module) {
  for (const file of MODEL_FILES) {
    const current = readModelFile(file.path);
    const generated = file.generate(current);
    if (generated === current) continue;
    fs.writeFileSync(path.join(ROOT, file.path), generated);
    console.log(`wrote ${file.path}`);
  }
}
