/**
 * Example variables for the contract operations, by operation name: ids and texts that
 * exist in the report's graph, so every read tab answers something at the first click.
 */
export const EXAMPLE_VARIABLES: Readonly<Record<string, Record<string, unknown>>> = {
  Partners: { cityId: 'city/leipzig' },
  Search: { text: 'Sala Dogana', first: 5 },
  Connection: { fromId: 'institution/hgb-leipzig', toId: 'city/genoa' },
  Neighbourhood: { id: 'city/leipzig', depth: 1 },
  Provenance: { id: 'action/transnational-study' },
  RecordMeeting: {
    input: {
      name: 'Partner meeting Leipzig 2012',
      kind: 'PARTNER_MEETING',
      status: 'PLANNED',
      year: 2012,
      date: '2012-03',
      cityId: 'city/leipzig',
      source: {
        document: 'Protokoll Partnertreffen Leipzig 2012',
        section: 'TOP 1',
        quote: 'Das Partnertreffen findet im März 2012 in Leipzig statt.',
      },
    },
  },
  AssignLead: { actionId: 'action/sala-dogana-exhibition', actorId: 'city/genoa' },
};

/** What a mutation tab's headers editor starts with: replace `<key>` with a real API key. */
export const API_KEY_HEADERS = { Authorization: 'Bearer <key>' };
