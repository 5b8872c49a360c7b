import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';

export const CONTRACT_DIR = path.join(__dirname, '..', '..', 'contract');

/** The operations of contract/operations.graphql by name, each as its own document text. */
export function contractOperations(): Map<string, string> {
  const document = parse(fs.readFileSync(path.join(CONTRACT_DIR, 'operations.graphql'), 'utf8'));
  return new Map(
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .map((d) => [d.name!.value, print(d)]),
  );
}

/** Variables for every read operation of the contract that reach real data of the report. */
export const READ_VARIABLES: Record<string, Record<string, unknown>> = {
  Cities: {},
  MeetingTimeline: {},
  WhoLeadsWhat: {},
  Institutions: {},
  Partners: { cityId: 'city/leipzig' },
  Search: { text: 'Leipzig', first: 10 },
  Connection: { fromId: 'institution/hgb-leipzig', toId: 'city/genoa' },
  Neighbourhood: { id: 'city/leipzig', depth: 2 },
  Provenance: { id: 'action/transnational-study' },
  WhoLeadsWhatQualified: {},
  ProjectPartners: { id: 'project/creative-cities' },
  Documents: {},
  Memberships: { id: 'institution/interdepartmental-working-group-leipzig' },
  MeetingParticipants: { id: 'meeting/genoa-2011' },
  EntityClaims: { id: 'project/creative-cities' },
  EdgeDetails: { id: 'action/transnational-action-plan' },
  History: { id: null },
};
