// The roles of the graph's links in both languages. A drawn relationship names its role in
// English only; the qualified links the page loads anyway (leads and contributions with the
// table, participations and agendas with the timeline, partners with the projects, memberships
// with an institution's details) name it in the source's German too.
import type { RelationshipTypeName } from '../../src/model/relationships';
import { edgeKey } from './store';
import type { PageState } from './store';

export interface Role {
  role?: string | null;
  roleDe?: string | null;
}

/** Roles by drawn edge (from>TYPE>to); an edge standing for several links has several. */
export type RoleIndex = ReadonlyMap<string, readonly Role[]>;

/** One qualified link: its ends, its type and its role. */
export interface QualifiedLink extends Role {
  from: string;
  type: RelationshipTypeName;
  to: string;
}

/** The link of `type` from `from` to `to`, in the role `of` names. */
export function qualifiedLink(
  of: Role,
  from: string,
  type: RelationshipTypeName,
  to: string,
): QualifiedLink {
  return { role: of.role, roleDe: of.roleDe, from, type, to };
}

export function indexRoles(links: Iterable<QualifiedLink>): Map<string, Role[]> {
  const index = new Map<string, Role[]>();
  for (const link of links) {
    if (!link.role && !link.roleDe) continue;
    const key = edgeKey(link);
    const roles = index.get(key) ?? [];
    if (!roles.some((r) => r.role === link.role && r.roleDe === link.roleDe)) {
      roles.push({ role: link.role, roleDe: link.roleDe });
    }
    index.set(key, roles);
  }
  return index;
}

/** The qualified links among what the page has loaded. */
export function* loadedLinks(
  state: Pick<PageState, 'actions' | 'meetings' | 'projects'>,
): Generator<QualifiedLink> {
  for (const action of state.actions ?? []) {
    for (const lead of action.leadership) {
      yield qualifiedLink(lead, lead.actor.id, 'LEADS', action.id);
    }
    for (const c of action.contributors) {
      yield qualifiedLink(c, c.actor.id, 'CONTRIBUTES_TO', action.id);
    }
  }
  for (const meeting of state.meetings) {
    for (const p of meeting.participations) {
      yield qualifiedLink(p, p.actor.id, 'TOOK_PART_IN', meeting.id);
    }
    for (const item of meeting.agenda) {
      yield qualifiedLink(item, meeting.id, 'ADDRESSED', item.action.id);
    }
  }
  for (const project of state.projects ?? []) {
    for (const p of project.partners) {
      yield qualifiedLink(p, p.actor.id, 'PARTNER_IN', project.id);
    }
  }
}
