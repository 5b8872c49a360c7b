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
      yield { ...lead, from: lead.actor.id, type: 'LEADS', to: action.id };
    }
    for (const c of action.contributors) {
      yield { ...c, from: c.actor.id, type: 'CONTRIBUTES_TO', to: action.id };
    }
  }
  for (const meeting of state.meetings) {
    for (const p of meeting.participations) {
      yield { ...p, from: p.actor.id, type: 'TOOK_PART_IN', to: meeting.id };
    }
    for (const item of meeting.agenda) {
      yield { ...item, from: meeting.id, type: 'ADDRESSED', to: item.action.id };
    }
  }
  for (const project of state.projects ?? []) {
    for (const p of project.partners) {
      yield { ...p, from: p.actor.id, type: 'PARTNER_IN', to: project.id };
    }
  }
}
