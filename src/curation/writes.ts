import { createHash } from 'node:crypto';
import type { ManagedTransaction, QueryResult } from 'neo4j-driver';
import { BadInputError, ConflictError, NotFoundError } from '../errors';
import {
  DOCUMENT_IDS,
  entityKind,
  entityLabelOf,
  RETRACTED_LABEL,
  RETRACTED_LINK_LABEL,
  STATED_VALUE_PREFIX,
  type EntityLabel,
} from '../model';
import { recordChange } from '../db/changes';
import type { MeetingFields, SourceInput } from './inputs';
import { CURATION_DOCUMENT_ID, PLACE_THIS_SOURCE } from '../ingest/documents';

/** An id the write needs to exist, with the labels it may have and the argument that gave it. */
export interface Reference {
  field: string;
  id: string;
  labels: readonly string[];
}

export function reference(
  field: string,
  id: string | null | undefined,
  labels: readonly string[],
): Reference[] {
  return id ? [{ field, id, labels }] : [];
}

/** A to-one link that a write replaces: `to` is the new target; absent leaves the link as it is. */
export interface Link {
  type: 'IN_FIELD' | 'PART_OF' | 'BASED_IN';
  label: EntityLabel;
  to: string | null | undefined;
}

/** A Source node as a curation write stores it: a cited passage, or who entered the fact. */
export interface SourceNode extends SourceInput {
  id: string;
  enteredBy: string | null;
  enteredAt: string | null;
}

/** An actor's link to an action or meeting: a lead, a contribution, a participation. */
export type ActorLinkType = 'LEADS' | 'CONTRIBUTES_TO' | 'TOOK_PART_IN';

/** A name as compared for duplicates: without case, accents, punctuation and extra spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

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

/** Locks the entities named in $refs in id order and tells, per ref, whether it fits. */
const LOCK = `
  UNWIND $refs AS ref
  OPTIONAL MATCH (n:Entity {id: ref.id})
  WITH ref, n ORDER BY ref.id
  CALL (n) { WITH n WHERE n IS NOT NULL SET n.locked = true REMOVE n.locked }
  RETURN ref.field AS field, ref.id AS id,
    n IS NOT NULL AND any(l IN labels(n) WHERE l IN ref.labels) AS ok`;

/**
 * The properties of node `v` a curator has set, with $curated added: loads leave them alone
 * (src/ingest/load-graph.ts).
 */
const curatedProperties = (v: string) => `coalesce(${v}.curatedProperties, []) +
  [key IN $curated WHERE NOT key IN coalesce(${v}.curatedProperties, [])]`;

/**
 * Before a curator's first change of a property of `v` that documents state: keeps the
 * documents' value beside it (`stated:<property>`), for Entity.claims and the loader's conflicts.
 */
const keepStatedValues = (v: string) => `
  FOREACH (key IN [key IN $curated WHERE NOT key IN coalesce(${v}.curatedProperties, [])
      AND size(coalesce(${v}.${DOCUMENT_IDS}, [])) > 0] |
    SET ${v}['${STATED_VALUE_PREFIX}' + key] = ${v}[key])`;

/** The identity of relationship `r` (linkIdentity of src/model, in Cypher). */
const identityOf = (r: string) =>
  `startNode(${r}).id + '|' + type(${r}) + '|' + endNode(${r}).id + '|' + coalesce(${r}.key, '')`;

/**
 * Deletes relationship `r` (null: nothing); one that a document states is retracted: a
 * RetractedLink with its identity keeps the loader from writing it again.
 */
const retractOrDelete = (r: string) => `
  FOREACH (_ IN CASE WHEN size(coalesce(${r}.${DOCUMENT_IDS}, [])) > 0 THEN [1] ELSE [] END |
    MERGE (retracted:${RETRACTED_LINK_LABEL} {id: ${identityOf(r)}})
    SET retracted.by = $by, retracted.at = $at, retracted.operation = $operation)
  DELETE ${r}`;

/** A curator states relationship `r` again: a retraction of it is void. The last clauses. */
const unretract = (r: string) => `
  WITH ${r} OPTIONAL MATCH (retracted:${RETRACTED_LINK_LABEL} {id: ${identityOf(r)}})
  DELETE retracted`;

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * The steps of one curation write, inside its transaction: who writes (`by`, the API key's
 * name), when (`at`), and as which operation. Every Cypher text here is fixed; labels and
 * relationship types come from closed sets of literals, values always as parameters.
 */
export class CurationWrite {
  readonly at = new Date().toISOString();

  constructor(
    private readonly tx: ManagedTransaction,
    readonly operation: string,
    readonly by: string,
  ) {}

  /**
   * Takes the write lock of every referenced entity (in id order, so that concurrent writes
   * queue instead of deadlocking), then checks that each exists with a fitting label: an
   * unknown or wrongly typed id is the caller's mistake. Holding the locks, no concurrent
   * write can delete what this one links to.
   */
  async lock(refs: Reference[]): Promise<void> {
    if (refs.length === 0) return;
    this.checkLocked(await this.tx.run(LOCK, { refs }), refs);
  }

  /**
   * The same, after first taking the lock of the meetings' NEXT chain, which every meeting
   * upsert may re-link: concurrent upserts take turns instead of deadlocking over the
   * meetings they relink. One statement, as the chain lock is held until the commit.
   */
  async lockWithMeetingChain(refs: Reference[]): Promise<void> {
    const result = await this.tx.run(
      `MERGE (chain:MeetingChain {id: 'meeting-chain'}) SET chain.lockedAt = $at
       WITH chain ${LOCK}`,
      { refs, at: this.at },
    );
    this.checkLocked(result, refs);
  }

  private checkLocked(result: QueryResult, refs: Reference[]): void {
    for (const record of result.records) {
      if (!record.get('ok')) {
        const field = record.get('field') as string;
        const labels = refs.find((ref) => ref.field === field)!.labels.join(' or ');
        throw new BadInputError(field, `no ${labels} with id '${record.get('id') as string}'.`);
      }
    }
  }

  /** The stored properties of an entity, and the targets of the given to-one links by field. */
  async stateOf(id: string, links: Record<string, Link['type']>): Promise<Record<string, unknown>> {
    const result = await this.tx.run(
      `MATCH (n:Entity {id: $id})
       RETURN properties(n) AS props,
         [(n)-[r]->(t) WHERE type(r) IN $types | [type(r), t.id]] AS links`,
      { id, types: Object.values(links) },
    );
    const record = result.records[0]!;
    const targets = new Map(record.get('links') as [string, string][]);
    return {
      ...(record.get('props') as Record<string, unknown>),
      ...Object.fromEntries(
        Object.entries(links).map(([field, type]) => [field, targets.get(type) ?? null]),
      ),
    };
  }

  /** A readable id from the name (`action/final-conference`), made unique with a counter. */
  async freeId(label: EntityLabel, name: string): Promise<string> {
    const base = `${entityKind(label).idPrefix}${slugify(name)}`;
    const result = await this.tx.run(
      // a retracted entity keeps its id for a restore
      `MATCH (n:Entity|${RETRACTED_LABEL}) WHERE n.id = $base OR n.id STARTS WITH $base + '-'
       RETURN collect(n.id) AS taken`,
      { base },
    );
    const taken = new Set(result.records[0]?.get('taken') as string[]);
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n += 1;
    return `${base}-${n}`;
  }

  /**
   * Refuses a new entity of the label whose folded name (case, accents and spacing aside) an
   * existing one has, in the same city (none counts as a city): a client's retry or a second
   * curator would otherwise make `action/x-2`. Creations of a label take turns (the lock node
   * is held until the commit), so two concurrent ones cannot both pass.
   */
  async refuseDuplicate(
    label: 'Action' | 'Institution' | 'Meeting',
    name: string,
    cityId: string | null,
  ): Promise<void> {
    const result = await this.tx.run(
      `MERGE (lock:CreationLock {id: $lockId}) SET lock.at = $at
       WITH lock
       MATCH (n:${label})
       WHERE coalesce([(n)-[:BASED_IN|HELD_IN]->(c:City) | c.id][0], '') = $cityId
       RETURN n.id AS id, n.name AS name`,
      { lockId: `creation-lock/${label}`, at: this.at, cityId: cityId ?? '' },
    );
    const folded = foldName(name);
    const existing = result.records.find((r) => foldName(r.get('name') as string) === folded);
    if (existing) {
      const id = existing.get('id') as string;
      throw new ConflictError(`A ${label} named like this exists already: '${id}'.`, id);
    }
  }

  /** A new, empty entity node with a free id made from its name. */
  async createNode(label: 'Action' | 'Institution', name: string): Promise<string> {
    const id = await this.freeId(label, name);
    await this.tx.run(`CREATE (n:Entity:${label} {id: $id, createdBy: $by, createdAt: $at})`, {
      id,
      by: this.by,
      at: this.at,
    });
    return id;
  }

  /** Sets the given properties (absent ones stay, null clears) and replaces each given link. */
  async setFields(
    label: 'Action' | 'Institution',
    id: string,
    props: Record<string, unknown>,
    links: Link[],
  ): Promise<void> {
    // A link to the same target stays as it is; one to another target is replaced.
    const relinks = links.map(
      (link, i) => `
       CALL (n) {
         WITH n WHERE $to${i} IS NOT NULL
         OPTIONAL MATCH (n)-[old:${link.type}]->(previous) WHERE previous.id <> $to${i}
         ${retractOrDelete('old')}
         WITH DISTINCT n MATCH (target:${link.label} {id: $to${i}})
         MERGE (n)-[r:${link.type}]->(target)
         ON CREATE SET r.createdBy = $by, r.createdAt = $at
         ${unretract('r')}
       }`,
    );
    await this.tx.run(
      `MATCH (n:${label} {id: $id})
       ${keepStatedValues('n')}
       SET n += $props, n.updatedBy = $by, n.updatedAt = $at,
         n.curatedProperties = ${curatedProperties('n')}
       ${relinks.length > 0 ? `WITH n ${relinks.join('')}` : ''}`,
      {
        id,
        props: Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)),
        ...Object.fromEntries(links.map((link, i) => [`to${i}`, link.to ?? null])),
        curated: Object.keys(props).filter((key) => props[key] !== undefined),
        by: this.by,
        at: this.at,
        operation: this.operation,
      },
    );
  }

  /** A meeting's fields, cityId and venueId, or null when there is no meeting with the id. */
  async meetingState(id: string): Promise<Record<string, unknown> | null> {
    const result = await this.tx.run(
      `MATCH (m:Meeting {id: $id})
       RETURN m {.*, cityId: [(m)-[:HELD_IN]->(city) | city.id][0],
         venueId: [(m)-[:AT_VENUE]->(venue) | venue.id][0]} AS state`,
      { id },
    );
    return (result.records[0]?.get('state') as Record<string, unknown> | undefined) ?? null;
  }

  /**
   * Creates or replaces a meeting with all its fields; a new one goes last in its order.
   * `curated` names the fields that changed: a reload of the report keeps them.
   */
  async writeMeeting(id: string, meeting: MeetingFields, curated: string[]): Promise<void> {
    await this.tx.run(
      `OPTIONAL MATCH (x:Meeting)
       WITH coalesce(max(x.order), 0) + 1 AS nextOrder
       MERGE (m:Entity:Meeting {id: $id})
       ON CREATE SET m.createdBy = $by, m.createdAt = $at, m.order = nextOrder
       ${keepStatedValues('m')}
       SET m.name = $name, m.nameDe = $nameDe, m.kind = $kind, m.status = $status,
         m.year = $year, m.date = $date, m.updatedBy = $by, m.updatedAt = $at,
         m.curatedProperties = ${curatedProperties('m')}
       WITH m
       // a link to the same city or venue stays as it is
       OPTIONAL MATCH (m)-[old:HELD_IN|AT_VENUE]->(previous)
       WHERE previous.id <> coalesce(CASE type(old) WHEN 'HELD_IN' THEN $cityId ELSE $venueId END, '')
       ${retractOrDelete('old')}
       WITH DISTINCT m
       CALL (m) {
         MATCH (c:City {id: $cityId})
         MERGE (m)-[r:HELD_IN]->(c) ON CREATE SET r.createdBy = $by, r.createdAt = $at
         ${unretract('r')}
       }
       CALL (m) {
         MATCH (v:Institution {id: $venueId})
         MERGE (m)-[r:AT_VENUE]->(v) ON CREATE SET r.createdBy = $by, r.createdAt = $at
         ${unretract('r')}
       }`,
      {
        id,
        name: meeting.name,
        nameDe: meeting.nameDe ?? null,
        kind: meeting.kind,
        status: meeting.status,
        year: meeting.year,
        date: meeting.date ?? null,
        cityId: meeting.cityId ?? null,
        venueId: meeting.venueId ?? null,
        curated,
        by: this.by,
        at: this.at,
        operation: this.operation,
      },
    );
  }

  /** The properties of (actor)-[:type]->(target), or null when there is no such link. */
  async actorLinkState(
    type: ActorLinkType,
    targetId: string,
    actorId: string,
  ): Promise<Record<string, unknown> | null> {
    const result = await this.tx.run(
      `MATCH (:Entity {id: $actorId})-[r:${type}]->(:Entity {id: $targetId}) RETURN properties(r) AS props`,
      { targetId, actorId },
    );
    return (result.records[0]?.get('props') as Record<string, unknown> | undefined) ?? null;
  }

  /** Adds (actor)-[:type]->(target) once, or updates its properties. */
  async linkActor(
    type: ActorLinkType,
    targetId: string,
    actorId: string,
    props: Record<string, string | null>,
    sourceId: string,
  ): Promise<void> {
    await this.tx.run(
      `MATCH (t:Entity {id: $targetId}), (a:Entity {id: $actorId})
       MERGE (a)-[r:${type}]->(t)
       ON CREATE SET r.createdBy = $by, r.createdAt = $at
       SET r += $props, r.updatedBy = $by, r.updatedAt = $at,
         r.sourceIds = CASE WHEN $sourceId IN coalesce(r.sourceIds, []) THEN r.sourceIds
           ELSE coalesce(r.sourceIds, []) + $sourceId END,
         t.updatedBy = $by, t.updatedAt = $at
       ${unretract('r')}`,
      { targetId, actorId, props, sourceId, by: this.by, at: this.at },
    );
  }

  /**
   * Removes (actor)-[:type]->(target), retracting it where a document states it: 'retracted' or
   * 'deleted', or null where there was no such link.
   */
  async unlinkActor(
    type: ActorLinkType,
    targetId: string,
    actorId: string,
  ): Promise<'retracted' | 'deleted' | null> {
    // The audit of the action or meeting changes only when there was a link to remove.
    const result = await this.tx.run(
      `MATCH (:Entity {id: $actorId})-[r:${type}]->(t:Entity {id: $targetId})
       SET t.updatedBy = $by, t.updatedAt = $at
       WITH r, size(coalesce(r.${DOCUMENT_IDS}, [])) > 0 AS stated
       ${retractOrDelete('r')}
       RETURN stated`,
      { targetId, actorId, by: this.by, at: this.at, operation: this.operation },
    );
    const [record] = result.records;
    if (!record) return null;
    return record.get('stated') ? 'retracted' : 'deleted';
  }

  /**
   * Deletes the entity: one that documents state is retracted (it takes the Retracted label in
   * place of its own, with who, when and why, and keeps its relationships for a restore; the
   * read path and the loader leave it out); one that only curators made is deleted with its
   * relationships. Null when there is no such entity.
   */
  async deleteEntity(
    label: 'Action' | 'Institution',
    id: string,
    reason: string,
  ): Promise<{ name: string; retracted: boolean } | null> {
    const result = await this.tx.run(
      `MATCH (n:${label} {id: $id})
       WITH n, coalesce(n.name, n.id) AS name,
         size(coalesce(n.${DOCUMENT_IDS}, [])) > 0 AS retracted
       CALL (n, retracted) {
         WITH n, retracted WHERE retracted
         SET n.retractedLabels = labels(n), n.retractedBy = $by, n.retractedAt = $at,
           n.retractedReason = $reason
         REMOVE n:Entity:${label}
         SET n:${RETRACTED_LABEL}
       }
       CALL (n, retracted) {
         WITH n, retracted WHERE NOT retracted
         DETACH DELETE n
       }
       RETURN name, retracted`,
      { id, reason, by: this.by, at: this.at },
    );
    const record = result.records[0];
    return record
      ? { name: record.get('name') as string, retracted: record.get('retracted') as boolean }
      : null;
  }

  /**
   * Brings a retracted entity back with its labels and relationships; its kind and name. A
   * BadInputError where the id is an entity that is not retracted, a ConflictError where another
   * entity has taken its id, NotFoundError where there is neither.
   */
  async restoreEntity(id: string): Promise<{ label: EntityLabel; name: string }> {
    const result = await this.tx.run(
      `OPTIONAL MATCH (n:${RETRACTED_LABEL} {id: $id})
       RETURN n.retractedLabels AS labels, coalesce(n.name, n.id) AS name,
         EXISTS { MATCH (:Entity {id: $id}) } AS taken`,
      { id },
    );
    const record = result.records[0]!;
    const labels = record.get('labels') as string[] | null;
    const taken = record.get('taken') as boolean;
    if (!labels) {
      if (taken) throw new BadInputError('id', `'${id}' is not retracted.`);
      throw new NotFoundError(id, 'id');
    }
    if (taken) throw new ConflictError(`Another entity has the id '${id}' now.`, id);
    const label = entityLabelOf(labels);
    if (!label) throw new Error(`retracted ${id} has no entity label: ${String(labels)}`);
    // the label comes from the model's closed list (entityLabelOf), never from the data as such
    await this.tx.run(
      `MATCH (n:${RETRACTED_LABEL} {id: $id})
       REMOVE n:${RETRACTED_LABEL}
       REMOVE n.retractedLabels, n.retractedBy, n.retractedAt, n.retractedReason
       SET n:Entity:${label}, n.updatedBy = $by, n.updatedAt = $at`,
      { id, by: this.by, at: this.at },
    );
    return { label, name: record.get('name') as string };
  }

  /**
   * Links the written fact to its source: the given passage, or a record that the API key's
   * holder entered it. Returns the Source id (relationships keep it in `sourceIds`).
   */
  async attachSource(entityId: string | null, given: SourceInput | null | undefined) {
    const source = this.sourceOf(entityId, given);
    await this.writeSource(entityId, source);
    return source.id;
  }

  /** The Source node of a written fact, its id known before it is written. */
  sourceOf(entityId: string | null, given: SourceInput | null | undefined): SourceNode {
    return given
      ? {
          id: `source/${sha(`${given.document}\u0000${given.section}\u0000${given.quote}`)}`,
          ...given,
          enteredBy: null,
          enteredAt: null,
        }
      : {
          id: `source/entered-${sha(`${this.by}\u0000${this.at}\u0000${entityId ?? ''}`)}`,
          document: 'Entered through the Creative Cities Graph API',
          section: `entered by ${this.by}`,
          quote: '',
          enteredBy: this.by,
          enteredAt: this.at,
        };
  }

  /** Writes the source (once) and, where an entity is given, the entity's STATED_IN. */
  async writeSource(entityId: string | null, source: SourceNode): Promise<void> {
    // One statement: the source, its entity's STATED_IN, and its place in a document (now, not
    // at the next load, which may be skipped for days); writes under locks keep round trips few.
    await this.tx.run(
      `MERGE (s:Source {id: $source.id})
       ON CREATE SET s += $source
       WITH s
       OPTIONAL MATCH (n:Entity {id: $entityId})
       FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | MERGE (n)-[:STATED_IN]->(s))
       WITH DISTINCT s
       CALL (s) { ${PLACE_THIS_SOURCE} }`,
      { source, entityId, curationId: CURATION_DOCUMENT_ID },
    );
  }

  /**
   * Keeps (:Meeting)-[:NEXT]->(:Meeting) a single chronological chain, touching only what
   * changed. An event held alongside a meeting (HELD_WITH) is not a step of its own.
   */
  async rechainMeetings(): Promise<void> {
    await this.tx.run(
      // A meeting a document leaves undated (the planned final conference) stays off the chain,
      // as the loader leaves it: its place in time is unknown.
      `MATCH (m:Meeting) WHERE NOT EXISTS { (m)<-[:HELD_WITH]-(:Meeting) }
         AND (m.date IS NOT NULL OR m.createdBy IS NOT NULL)
       WITH m ORDER BY coalesce(m.date, toString(m.year)), m.order, m.id
       WITH collect(m) AS ms
       WITH ms, [i IN range(0, size(ms) - 2) | [ms[i].id, ms[i + 1].id]] AS pairs
       CALL (pairs) {
         MATCH (a:Meeting)-[n:NEXT]->(b:Meeting) WHERE NOT [a.id, b.id] IN pairs DELETE n
       }
       CALL (ms) {
         UNWIND range(0, size(ms) - 2) AS i
         WITH ms[i] AS a, ms[i + 1] AS b
         MERGE (a)-[n:NEXT]->(b)
           ON CREATE SET n.inferred = true,
             n.note = 'ordered by date after a curator changed a meeting'
       }`,
    );
  }

  /** The history's entry for this write: what it did to which entity, in one line. */
  record(entityId: string, summary: string): Promise<void> {
    return recordChange(this.tx, {
      at: this.at,
      by: this.by,
      operation: this.operation,
      entityId,
      summary,
    });
  }
}
