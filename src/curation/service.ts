import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../db/database';
import { BadInputError } from '../errors';
import { ACTOR_LABELS, type EntityLabel } from '../model';
import { parseArgs } from '../validation';
import {
  actionActorArgs,
  contributorArgs,
  createActionArgs,
  createInstitutionArgs,
  deleteArgs,
  restoreArgs,
  leadArgs,
  meetingActorArgs,
  participantArgs,
  updateActionArgs,
  updateInstitutionArgs,
  upsertMeetingArgs,
  type SourceInput,
} from './inputs';
import { WriteQueue } from './write-queue';
import { CurationWrite, reference, type ActorLinkType, type Link, type Reference } from './writes';

export interface DeleteResult {
  id: string;
  deleted: boolean;
}

/** An entity kind curators create and update field by field, and the to-one links it sets. */
interface EditableKind {
  label: 'Action' | 'Institution';
  /** Input field (`fieldId`) → the relationship it sets and the label of its target. */
  links: Record<string, { type: Link['type']; label: EntityLabel }>;
}

const ACTION: EditableKind = {
  label: 'Action',
  links: {
    fieldId: { type: 'IN_FIELD', label: 'FieldOfAction' },
    partOfId: { type: 'PART_OF', label: 'Action' },
  },
};
const INSTITUTION: EditableKind = {
  label: 'Institution',
  links: { cityId: { type: 'BASED_IN', label: 'City' } },
};

// PIPELINED: a transaction's queries sent without awaiting each other (`Promise.all`) go to
// Neo4j together, and Neo4j runs them in the order sent: one round trip instead of one each.
// A write holds its entities' locks from its first statement to its commit, and under load
// every round trip waits for a busy event loop and a busy database, so the writes of a
// contended entity (the leads of one action) send what does not depend on an answer together.
// The lock statement goes first, so that the locks are still taken in id order.

/** An actor's link to an action or meeting, and how the history names it. */
interface ActorLink {
  type: ActorLinkType;
  target: 'Action' | 'Meeting';
  /** The argument that names the target. */
  targetField: 'actionId' | 'meetingId';
  noun: string;
}

const LEAD: ActorLink = { type: 'LEADS', target: 'Action', targetField: 'actionId', noun: 'lead' };
const CONTRIBUTOR: ActorLink = {
  type: 'CONTRIBUTES_TO',
  target: 'Action',
  targetField: 'actionId',
  noun: 'contributor',
};
const PARTICIPANT: ActorLink = {
  type: 'TOOK_PART_IN',
  target: 'Meeting',
  targetField: 'meetingId',
  noun: 'participant',
};

/**
 * All writes of the API. Each operation validates its arguments, then runs one transaction:
 * lock the entities it touches and check they exist (an unknown id is the caller's
 * mistake), write, and record the provenance: the source, the audit fields, and a Change in
 * the history. It returns the id of the entity written (or a delete's result) or throws a
 * domain error, and then nothing has changed. `by` is the API key's name.
 */
export class CurationService {
  /** Writes of one entity take turns in this process before they begin their transaction. */
  private readonly queue = new WriteQueue();

  constructor(private readonly db: Database) {}

  /** Creates a meeting, or replaces every field of the one with the given id. */
  upsertMeeting(by: string, args: unknown): Promise<string> {
    const { input } = parseArgs(upsertMeetingArgs, args);
    const { id: givenId, source, ...meeting } = input;
    // every meeting upsert takes the chain's lock: they take turns already
    return this.write('upsertMeeting', by, 'meeting-chain', async (w) => {
      await w.lockWithMeetingChain([
        ...reference('input.id', givenId, ['Meeting']),
        ...reference('input.cityId', meeting.cityId, ['City']),
        ...reference('input.venueId', meeting.venueId, ['Institution']),
      ]);
      if (!givenId) await w.refuseDuplicate('Meeting', meeting.name, meeting.cityId ?? null);
      const id = givenId ?? (await w.freeId('Meeting', `${meeting.name} ${meeting.year}`));
      const before = givenId ? await w.meetingState(givenId) : null;
      const after = {
        ...meeting,
        nameDe: meeting.nameDe ?? null,
        date: meeting.date ?? null,
        cityId: meeting.cityId ?? null,
        venueId: meeting.venueId ?? null,
      };
      const changes = before ? changesOf(before, after) : [];
      // The same meeting again: its new source is kept, but nothing else is written.
      if (before && changes.length === 0) {
        await w.attachSource(id, source);
        return id;
      }
      // The stored fields that change, not the links (a load adds links, never replaces them).
      const curated = Object.entries(after)
        .filter(
          ([field, value]) =>
            !field.endsWith('Id') && !isDeepStrictEqual(before?.[field] ?? null, value),
        )
        .map(([field]) => field);
      await w.writeMeeting(id, meeting, curated);
      await w.attachSource(id, source);
      // The chain follows date, year and order: a rename or a new city leaves it as it is.
      const moved =
        !before || ['date', 'year'].some((f) => !isDeepStrictEqual(before[f], after[f as 'date']));
      if (moved) await w.rechainMeetings();
      await w.record(id, before ? changes.join('; ') : created('Meeting', meeting.name));
      return id;
    });
  }

  assignLead(by: string, args: unknown): Promise<string> {
    const { actionId, actorId, source } = parseArgs(leadArgs, args);
    return this.linkActor('assignLead', by, LEAD, actionId, actorId, {}, source);
  }

  removeLead(by: string, args: unknown): Promise<string> {
    const { actionId, actorId } = parseArgs(actionActorArgs, args);
    return this.unlinkActor('removeLead', by, LEAD, actionId, actorId);
  }

  addContributor(by: string, args: unknown): Promise<string> {
    const { actionId, actorId, role, source } = parseArgs(contributorArgs, args);
    return this.linkActor('addContributor', by, CONTRIBUTOR, actionId, actorId, { role }, source);
  }

  removeContributor(by: string, args: unknown): Promise<string> {
    const { actionId, actorId } = parseArgs(actionActorArgs, args);
    return this.unlinkActor('removeContributor', by, CONTRIBUTOR, actionId, actorId);
  }

  addParticipant(by: string, args: unknown): Promise<string> {
    const { meetingId, actorId, role, source } = parseArgs(participantArgs, args);
    const props = { role: role ?? null };
    return this.linkActor('addParticipant', by, PARTICIPANT, meetingId, actorId, props, source);
  }

  removeParticipant(by: string, args: unknown): Promise<string> {
    const { meetingId, actorId } = parseArgs(meetingActorArgs, args);
    return this.unlinkActor('removeParticipant', by, PARTICIPANT, meetingId, actorId);
  }

  createAction(by: string, args: unknown): Promise<string> {
    const { input } = parseArgs(createActionArgs, args);
    return this.create('createAction', by, ACTION, input);
  }

  updateAction(by: string, args: unknown): Promise<string> {
    const { id, patch } = parseArgs(updateActionArgs, args);
    if (patch.partOfId === id) {
      throw new BadInputError('patch.partOfId', 'an action cannot be part of itself.');
    }
    return this.update('updateAction', by, ACTION, id, patch);
  }

  deleteAction(by: string, args: unknown): Promise<DeleteResult> {
    return this.delete('deleteAction', by, 'Action', args);
  }

  createInstitution(by: string, args: unknown): Promise<string> {
    const { input } = parseArgs(createInstitutionArgs, args);
    return this.create('createInstitution', by, INSTITUTION, input);
  }

  updateInstitution(by: string, args: unknown): Promise<string> {
    const { id, patch } = parseArgs(updateInstitutionArgs, args);
    return this.update('updateInstitution', by, INSTITUTION, id, patch);
  }

  deleteInstitution(by: string, args: unknown): Promise<DeleteResult> {
    return this.delete('deleteInstitution', by, 'Institution', args);
  }

  /**
   * One transaction of one operation, after the writes of this process queued before it on
   * the same `key` (the entity whose lock it would wait for); a retry (after a lost conflict)
   * starts afresh.
   */
  private write<R>(
    operation: string,
    by: string,
    key: string,
    work: (w: CurationWrite) => Promise<R>,
  ): Promise<R> {
    return this.queue.run(key, () =>
      this.db.writeTransaction((tx) => work(new CurationWrite(tx, operation, by))),
    );
  }

  private create(
    operation: string,
    by: string,
    kind: EditableKind,
    input: { name: string; source?: SourceInput | null },
  ): Promise<string> {
    const { source, ...fields } = input;
    const { props, links, refs } = splitFields(kind, fields, 'input');
    // creations of a label take turns on its CreationLock (refuseDuplicate)
    return this.write(operation, by, `creation/${kind.label}`, async (w) => {
      await w.lock(refs);
      const cityId = 'cityId' in input ? (input.cityId as string | null | undefined) : null;
      await w.refuseDuplicate(kind.label, input.name, cityId ?? null);
      const id = await w.createNode(kind.label, input.name);
      await w.setFields(kind.label, id, props, links);
      await w.attachSource(id, source);
      await w.record(id, created(kind.label, input.name));
      return id;
    });
  }

  private update(
    operation: string,
    by: string,
    kind: EditableKind,
    id: string,
    patch: { source?: SourceInput | null },
  ): Promise<string> {
    const { source, ...fields } = patch;
    const { props, links, refs } = splitFields(kind, fields, 'patch');
    return this.write(operation, by, id, async (w) => {
      await w.lock([{ field: 'id', id, labels: [kind.label] }, ...refs]);
      const linkTypes = Object.fromEntries(
        Object.entries(kind.links).map(([field, link]) => [field, link.type]),
      );
      const before = await w.stateOf(id, linkTypes);
      // A link given as null is left as it is, so only the links given an id can change.
      const newTargets = Object.fromEntries(links.filter((l) => l.to).map((l) => [l.field, l.to]));
      const changes = changesOf(before, { ...props, ...newTargets });
      // A patch that changes nothing writes nothing: no audit, no history, no stand-in source.
      if (changes.length === 0) return id;
      await w.setFields(kind.label, id, props, links);
      await w.attachSource(id, source);
      await w.record(id, changes.join('; '));
      return id;
    });
  }

  private delete(
    operation: string,
    by: string,
    label: 'Action' | 'Institution',
    args: unknown,
  ): Promise<DeleteResult> {
    const { id, reason } = parseArgs(deleteArgs, args);
    // No lock step: the write locks the node (and a DETACH DELETE its relationships) itself.
    return this.write(operation, by, id, async (w) => {
      const deleted = await w.deleteEntity(label, id, reason);
      // Deleting what is not there writes nothing, so there is no change to record.
      if (deleted !== null) {
        const verb = deleted.retracted ? 'retracted' : 'deleted';
        await w.record(
          id,
          `${verb} ${label} ${JSON.stringify(deleted.name)} (${JSON.stringify(reason)})`,
        );
      }
      return { id, deleted: deleted !== null };
    });
  }

  /** Brings back an entity a curator retracted, with its relationships; its id and kind. */
  restore(by: string, args: unknown): Promise<{ id: string; label: EntityLabel }> {
    const { id, reason } = parseArgs(restoreArgs, args);
    return this.write('restore', by, id, async (w) => {
      const { label, name } = await w.restoreEntity(id);
      await w.record(id, `restored ${label} ${JSON.stringify(name)} (${JSON.stringify(reason)})`);
      return { id, label };
    });
  }

  private linkActor(
    operation: string,
    by: string,
    link: ActorLink,
    targetId: string,
    actorId: string,
    props: Record<string, string | null>,
    source: SourceInput | null | undefined,
  ): Promise<string> {
    return this.write(operation, by, targetId, async (w) => {
      // The statements of each step go together (see PIPELINED): two round trips under the lock.
      const [, before] = await Promise.all([
        w.lock(actorLinkEnds(link, targetId, actorId)),
        w.actorLinkState(link.type, targetId, actorId),
      ]);
      const changes = before ? changesOf(before, props) : [];
      // Asked again for a link as it is: nothing to write (a client's retry changes nothing).
      if (before && changes.length === 0) return targetId;
      const newSource = w.sourceOf(null, source);
      const subject = `${link.noun} ${actorId}`;
      await Promise.all([
        w.writeSource(null, newSource),
        w.linkActor(link.type, targetId, actorId, props, newSource.id),
        w.record(
          targetId,
          before
            ? `${subject}: ${changes.join('; ')}`
            : `${subject} added${props.role ? ` as ${JSON.stringify(props.role)}` : ''}`,
        ),
      ]);
      return targetId;
    });
  }

  private unlinkActor(
    operation: string,
    by: string,
    link: ActorLink,
    targetId: string,
    actorId: string,
  ): Promise<string> {
    return this.write(operation, by, targetId, async (w) => {
      // Removing a link that is not there writes nothing, so there is no change to record.
      const [, removed] = await Promise.all([
        w.lock(actorLinkEnds(link, targetId, actorId)),
        w.unlinkActor(link.type, targetId, actorId),
      ]);
      if (removed === 'deleted') await w.record(targetId, `${link.noun} ${actorId} removed`);
      // a document states it: the loader will not add it again
      if (removed === 'retracted') {
        await w.record(targetId, `${link.noun} ${actorId} removed (retracted)`);
      }
      return targetId;
    });
  }
}

function actorLinkEnds(link: ActorLink, targetId: string, actorId: string): Reference[] {
  return [
    { field: link.targetField, id: targetId, labels: [link.target] },
    { field: 'actorId', id: actorId, labels: ACTOR_LABELS },
  ];
}

/** An input's stored properties apart from its links; the links' targets must exist. */
function splitFields(kind: EditableKind, fields: Record<string, unknown>, path: string) {
  const props: Record<string, unknown> = {};
  const links: (Link & { field: string })[] = [];
  const refs: Reference[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const link = kind.links[field];
    if (!link) {
      props[field] = value;
      continue;
    }
    const to = value as string | null | undefined;
    links.push({ ...link, field, to });
    refs.push(...reference(`${path}.${field}`, to, [link.label]));
  }
  return { props, links, refs };
}

const created = (label: string, name: string) => `created ${label} ${JSON.stringify(name)}`;

/**
 * The history's parts of an update: each given field whose value changed, as before → after
 * (`status: "PLANNED" → "HELD"`, `nameDe: "x" → null`); none when nothing changed.
 */
function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const show = (value: unknown) => JSON.stringify(value ?? null);
  return Object.entries(after)
    .filter(
      ([field, value]) => value !== undefined && !isDeepStrictEqual(before[field] ?? null, value),
    )
    .map(([field, value]) => `${field}: ${show(before[field])} → ${show(value)}`);
}
