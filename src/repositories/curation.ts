import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database';
import { apiError, ErrorCode } from '../db/errors';

export interface SourceInput {
  document: string;
  section: string;
  quote: string;
}

/** Who writes, when, and on what authority (a document passage, or the author's own word). */
export interface Provenance {
  who: string;
  at: string;
  source?: SourceInput | null;
}

export interface MeetingFields {
  id?: string | null;
  name: string;
  nameDe?: string | null;
  kind: string;
  status: string;
  year: number;
  date?: string | null;
  cityId?: string | null;
  venueId?: string | null;
}

export interface ActionFields {
  name?: string;
  nameDe?: string | null;
  kind?: string;
  description?: string | null;
  descriptionDe?: string | null;
  start?: string | null;
  end?: string | null;
  fieldId?: string | null;
  partOfId?: string | null;
}

export interface InstitutionFields {
  name?: string;
  nameDe?: string | null;
  kind?: string;
  cityId?: string | null;
}

type Tx = ManagedTransaction;
type Reference = { field: string; id: string; labels: string[] };

export function slugify(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'entry';
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** All writes of the API. Each method is one transaction; a failed check throws before any change. */
export class CurationRepository {
  constructor(private readonly db: Database) {}

  upsertMeeting(fields: MeetingFields, prov: Provenance): Promise<string> {
    return this.db.writeTransaction(async (tx) => {
      // Every upsert may re-link the whole NEXT chain: one lock on the chain first makes
      // concurrent upserts take turns instead of deadlocking over the meetings they relink.
      await tx.run(`MERGE (c:MeetingChain {id: 'meeting-chain'}) SET c.lockedAt = $at`, {
        at: prov.at,
      });
      await requireRefs(tx, [
        ...(fields.id ? [{ field: 'id', id: fields.id, labels: ['Meeting'] }] : []),
        ...ref('cityId', fields.cityId, ['City']),
        ...ref('venueId', fields.venueId, ['Institution']),
      ]);
      const id = fields.id ?? (await freeId(tx, 'meeting', `${fields.name} ${fields.year}`));
      await tx.run(
        `OPTIONAL MATCH (x:Meeting)
         WITH coalesce(max(x.order), 0) + 1 AS nextOrder
         MERGE (m:Entity:Meeting {id: $id})
         ON CREATE SET m.createdBy = $who, m.createdAt = $at, m.order = nextOrder
         SET m.name = $name, m.nameDe = $nameDe, m.kind = $kind, m.status = $status,
           m.year = $year, m.date = $date, m.updatedBy = $who, m.updatedAt = $at
         WITH m
         OPTIONAL MATCH (m)-[old:HELD_IN|AT_VENUE]->()
         DELETE old
         WITH DISTINCT m
         OPTIONAL MATCH (c:City {id: $cityId})
         OPTIONAL MATCH (v:Institution {id: $venueId})
         FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END |
           CREATE (m)-[:HELD_IN {createdBy: $who, createdAt: $at}]->(c))
         FOREACH (_ IN CASE WHEN v IS NULL THEN [] ELSE [1] END |
           CREATE (m)-[:AT_VENUE {createdBy: $who, createdAt: $at}]->(v))`,
        {
          id,
          name: fields.name,
          nameDe: fields.nameDe ?? null,
          kind: fields.kind,
          status: fields.status,
          year: fields.year,
          date: fields.date ?? null,
          cityId: fields.cityId ?? null,
          venueId: fields.venueId ?? null,
          who: prov.who,
          at: prov.at,
        },
      );
      await attachSource(tx, id, prov);
      await rechainMeetings(tx);
      return id;
    });
  }

  /** Adds (actor)-[:type]->(target) once; a repeated call changes nothing but the audit. */
  linkActor(
    type: 'LEADS' | 'CONTRIBUTES_TO' | 'TOOK_PART_IN',
    target: { field: string; id: string; label: 'Action' | 'Meeting' },
    actorId: string,
    props: Record<string, string | null>,
    prov: Provenance,
  ): Promise<void> {
    return this.db.writeTransaction(async (tx) => {
      await requireRefs(tx, [
        { field: target.field, id: target.id, labels: [target.label] },
        { field: 'actorId', id: actorId, labels: ['City', 'Institution'] },
      ]);
      const sourceId = await attachSource(tx, null, prov);
      await tx.run(
        `MATCH (t:${target.label} {id: $targetId}), (a:Entity {id: $actorId})
         MERGE (a)-[r:${type}]->(t)
         ON CREATE SET r.createdBy = $who, r.createdAt = $at
         SET r += $props, r.updatedBy = $who, r.updatedAt = $at,
           r.sourceIds = CASE WHEN $sourceId IN coalesce(r.sourceIds, []) THEN r.sourceIds
             ELSE coalesce(r.sourceIds, []) + $sourceId END,
           t.updatedBy = $who, t.updatedAt = $at`,
        { targetId: target.id, actorId, props, sourceId, who: prov.who, at: prov.at },
      );
    });
  }

  unlinkActor(
    type: 'LEADS' | 'CONTRIBUTES_TO' | 'TOOK_PART_IN',
    target: { field: string; id: string; label: 'Action' | 'Meeting' },
    actorId: string,
    prov: Provenance,
  ): Promise<void> {
    return this.db.writeTransaction(async (tx) => {
      await requireRefs(tx, [
        { field: target.field, id: target.id, labels: [target.label] },
        { field: 'actorId', id: actorId, labels: ['City', 'Institution'] },
      ]);
      // The audit goes on the action or meeting even when there was no link to remove.
      await tx.run(
        `MATCH (t:${target.label} {id: $targetId})
         SET t.updatedBy = $who, t.updatedAt = $at
         WITH t
         OPTIONAL MATCH (:Entity {id: $actorId})-[r:${type}]->(t)
         DELETE r`,
        { targetId: target.id, actorId, who: prov.who, at: prov.at },
      );
    });
  }

  createAction(
    fields: Required<Pick<ActionFields, 'name' | 'kind'>> & ActionFields,
    prov: Provenance,
  ): Promise<string> {
    return this.save('Action', { name: fields.name }, actionRefs(fields), prov, (tx, id) =>
      writeActionFields(tx, id, fields, prov),
    );
  }

  async updateAction(id: string, fields: ActionFields, prov: Provenance): Promise<void> {
    if (fields.partOfId === id) {
      throw apiError(ErrorCode.BAD_USER_INPUT, 'partOfId: an action cannot be part of itself.', {
        field: 'partOfId',
      });
    }
    await this.save('Action', { id }, actionRefs(fields), prov, (tx) =>
      writeActionFields(tx, id, fields, prov),
    );
  }

  createInstitution(
    fields: Required<Pick<InstitutionFields, 'name' | 'kind'>> & InstitutionFields,
    prov: Provenance,
  ): Promise<string> {
    const refs = ref('cityId', fields.cityId, ['City']);
    return this.save('Institution', { name: fields.name }, refs, prov, (tx, id) =>
      writeInstitutionFields(tx, id, fields, prov),
    );
  }

  async updateInstitution(id: string, fields: InstitutionFields, prov: Provenance): Promise<void> {
    const refs = ref('cityId', fields.cityId, ['City']);
    await this.save('Institution', { id }, refs, prov, (tx) =>
      writeInstitutionFields(tx, id, fields, prov),
    );
  }

  /**
   * One create or update of an action or institution, in one transaction: the references
   * are checked first, a new node gets a free id from its name, then fields and source.
   */
  private save(
    label: 'Action' | 'Institution',
    target: { id: string } | { name: string },
    refs: Reference[],
    prov: Provenance,
    writeFields: (tx: Tx, id: string) => Promise<void>,
  ): Promise<string> {
    return this.db.writeTransaction(async (tx) => {
      const existing = 'id' in target ? [{ field: 'id', id: target.id, labels: [label] }] : [];
      await requireRefs(tx, [...existing, ...refs]);
      const id = 'id' in target ? target.id : await createNode(tx, label, target.name, prov);
      await writeFields(tx, id);
      await attachSource(tx, id, prov);
      return id;
    });
  }

  /** Deletes the entity and its relationships; false when there was none. */
  async deleteEntity(label: 'Action' | 'Institution', id: string): Promise<boolean> {
    const rows = await this.db.write<{ deleted: number }>(
      `OPTIONAL MATCH (n:${label} {id: $id}) DETACH DELETE n RETURN count(n) AS deleted`,
      { id },
    );
    return (rows[0]?.deleted ?? 0) > 0;
  }
}

/** A new, empty entity node with a free id made from its name. */
async function createNode(tx: Tx, label: string, name: string, prov: Provenance): Promise<string> {
  const id = await freeId(tx, label.toLowerCase(), name);
  await tx.run(`CREATE (n:Entity:${label} {id: $id, createdBy: $who, createdAt: $at})`, {
    id,
    who: prov.who,
    at: prov.at,
  });
  return id;
}

function ref(field: string, id: string | null | undefined, labels: string[]): Reference[] {
  return id ? [{ field, id, labels }] : [];
}

function actionRefs(fields: ActionFields): Reference[] {
  return [
    ...ref('fieldId', fields.fieldId, ['FieldOfAction']),
    ...ref('partOfId', fields.partOfId, ['Action']),
  ];
}

/** Unknown or wrongly typed ids are the caller's mistake: BAD_USER_INPUT naming the field. */
async function requireRefs(tx: Tx, refs: Reference[]): Promise<void> {
  if (refs.length === 0) return;
  const result = await tx.run(
    `UNWIND $refs AS ref
     OPTIONAL MATCH (n:Entity {id: ref.id})
     RETURN ref.field AS field, ref.id AS id,
       n IS NOT NULL AND any(l IN labels(n) WHERE l IN ref.labels) AS ok`,
    { refs },
  );
  for (const record of result.records) {
    if (!record.get('ok')) {
      const field = record.get('field') as string;
      const labels = refs.find((r) => r.field === field)?.labels.join(' or ');
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `${field}: no ${labels} with id '${record.get('id') as string}'.`,
        { field },
      );
    }
  }
}

/** A readable id from the name, made unique with a counter when taken. */
async function freeId(tx: Tx, prefix: string, name: string): Promise<string> {
  const base = `${prefix}/${slugify(name)}`;
  const result = await tx.run(
    `MATCH (n:Entity) WHERE n.id = $base OR n.id STARTS WITH $base + '-' RETURN collect(n.id) AS taken`,
    { base },
  );
  const taken = new Set(result.records[0]?.get('taken') as string[]);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/**
 * Links the written fact to its source: the given passage, or a record that the API key's
 * holder entered it. Returns the Source id (relationships keep it in `sourceIds`).
 */
async function attachSource(tx: Tx, entityId: string | null, prov: Provenance): Promise<string> {
  const source = prov.source
    ? {
        id: `source/${sha(`${prov.source.document}\u0000${prov.source.section}\u0000${prov.source.quote}`)}`,
        document: prov.source.document,
        section: prov.source.section,
        quote: prov.source.quote,
        enteredBy: null,
        enteredAt: null,
      }
    : {
        id: `source/entered-${sha(`${prov.who}\u0000${prov.at}\u0000${entityId ?? ''}`)}`,
        document: 'Entered through the Creative Cities Graph API',
        section: `entered by ${prov.who}`,
        quote: '',
        enteredBy: prov.who,
        enteredAt: prov.at,
      };
  await tx.run(
    `MERGE (s:Source {id: $source.id})
     ON CREATE SET s += $source
     WITH s
     OPTIONAL MATCH (n:Entity {id: $entityId})
     FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | MERGE (n)-[:STATED_IN]->(s))`,
    { source, entityId },
  );
  return source.id;
}

interface Link {
  type: 'IN_FIELD' | 'PART_OF' | 'BASED_IN';
  label: 'FieldOfAction' | 'Action' | 'City';
  /** The id to link to; absent leaves the link as it is. */
  to: string | null | undefined;
}

/** Sets the given properties and replaces each given to-one link, with the audit fields. */
async function writeFields(
  tx: Tx,
  label: 'Action' | 'Institution',
  id: string,
  props: Record<string, unknown>,
  links: Link[],
  prov: Provenance,
) {
  const relinks = links.map(
    (link, i) => `
     CALL (n) {
       WITH n WHERE $to${i} IS NOT NULL
       OPTIONAL MATCH (n)-[old:${link.type}]->() DELETE old
       WITH DISTINCT n MATCH (target:${link.label} {id: $to${i}})
       CREATE (n)-[:${link.type} {createdBy: $who, createdAt: $at}]->(target)
     }`,
  );
  await tx.run(
    `MATCH (n:${label} {id: $id})
     SET n += $props, n.updatedBy = $who, n.updatedAt = $at
     WITH n ${relinks.join('')}`,
    {
      id,
      props: defined(props),
      ...Object.fromEntries(links.map((link, i) => [`to${i}`, link.to ?? null])),
      who: prov.who,
      at: prov.at,
    },
  );
}

function writeActionFields(tx: Tx, id: string, f: ActionFields, prov: Provenance) {
  const { name, nameDe, kind, description, descriptionDe, start, end } = f;
  const props = { name, nameDe, kind, description, descriptionDe, start, end };
  const links: Link[] = [
    { type: 'IN_FIELD', label: 'FieldOfAction', to: f.fieldId },
    { type: 'PART_OF', label: 'Action', to: f.partOfId },
  ];
  return writeFields(tx, 'Action', id, props, links, prov);
}

function writeInstitutionFields(tx: Tx, id: string, f: InstitutionFields, prov: Provenance) {
  const props = { name: f.name, nameDe: f.nameDe, kind: f.kind };
  const links: Link[] = [{ type: 'BASED_IN', label: 'City', to: f.cityId }];
  return writeFields(tx, 'Institution', id, props, links, prov);
}

/** Only the keys the caller gave: a patch leaves absent fields as they are (null clears). */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * Keeps (:Meeting)-[:NEXT]->(:Meeting) a single chronological chain, touching only what
 * changed. An event held alongside a meeting (HELD_WITH) is not a step of its own.
 */
async function rechainMeetings(tx: Tx): Promise<void> {
  await tx.run(
    `MATCH (m:Meeting) WHERE NOT EXISTS { (m)<-[:HELD_WITH]-(:Meeting) }
     WITH m ORDER BY coalesce(m.date, toString(m.year)), m.order, m.id
     WITH collect(m) AS ms
     WITH ms, [i IN range(0, size(ms) - 2) | [ms[i].id, ms[i + 1].id]] AS pairs
     CALL (pairs) {
       MATCH (a:Meeting)-[n:NEXT]->(b:Meeting) WHERE NOT [a.id, b.id] IN pairs DELETE n
     }
     CALL (ms) {
       UNWIND range(0, size(ms) - 2) AS i
       WITH ms[i] AS a, ms[i + 1] AS b
       MERGE (a)-[:NEXT]->(b)
     }`,
  );
}
