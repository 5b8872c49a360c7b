// The corrections of data/annotations/README.md ("Corrections"), read back through the API from
// the loaded report: who took part where, what is an actor, meeting kinds, flagged inferences,
// English names and translations.
import { dataOf, startTestApi, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const data = (query: string, variables: Row = {}) => dataOf<Row>(api.url, query, variables);

const participationsOf = async (id: string): Promise<Row[]> =>
  (
    await data(
      `query ($id: ID!) { meeting(id: $id) {
         participations { actor { id } role basis note sources { quote } } } }`,
      { id },
    )
  ).meeting.participations;

describe('corrections', () => {
  it('keep subjects of presentations out of the participants', async () => {
    const genoa = (await participationsOf('meeting/genoa-2011')).map((p) => p.actor.id);
    expect(genoa).toContain('city/genoa');
    expect(genoa).not.toContain('institution/liguria-film-commission');
    const pecs = (await participationsOf('meeting/pecs-2010')).map((p) => p.actor.id);
    expect(pecs).toContain('city/pecs');
    expect(pecs).not.toContain('institution/european-capital-of-culture-pecs');
    // still findable as what the presentation was about
    const { institution } = await data(
      `{ institution(id: "institution/liguria-film-commission") { nameDe meetings { id } } }`,
    );
    expect(institution).toEqual({ nameDe: 'Liguria Film Comission', meetings: [] });
  });

  it('make the homepage no actor: nothing contributes to the plan as a website', async () => {
    const { action, institution } = await data(
      `{ action(id: "action/transnational-action-plan") {
           description contributors { actor { id } } sources { quote } }
         institution(id: "institution/project-homepage") { id } }`,
    );
    expect(institution).toBeNull();
    expect(action.contributors.map((c: Row) => c.actor.id)).not.toContain(
      'institution/project-homepage',
    );
    expect(action.description).toMatch(/common homepage/);
    expect(action.sources.map((s: Row) => s.quote)).toContain(
      'Dieser wird zeitnah für alle Interessierte auf der gemeinsamen Homepage des Projektes verfügbar sein.',
    );
  });

  it('record Ljubljana as host and Leipzig as presenter of Ljubljana 2011, both inferred', async () => {
    const byActor = new Map(
      (await participationsOf('meeting/ljubljana-2011')).map((p) => [p.actor.id, p]),
    );
    expect(byActor.get('city/ljubljana')).toMatchObject({
      basis: 'INFERRED',
      role: expect.stringMatching(/^host; leads the editing/),
      note: expect.stringMatching(/Ort heading/),
    });
    expect(byActor.get('city/ljubljana')!.sources.map((s: Row) => s.quote)).toContain(
      'Unter Federführung der Partnerstadt Ljubljana wird die Redaktion des Transnationalen Aktionsplanes erfolgen',
    );
    const leipzig = byActor.get('city/leipzig')!;
    expect(leipzig).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(/passive/) });
    expect(leipzig.sources.map((s: Row) => s.quote)).toEqual([
      'Präsentation des lokalen Aktionsplanes',
      'Präsentation der Kontaktstelle Kreativwirtschaft Leipzig',
      'Der bereits durch Leipzig verabschiedete lokale Aktionsplan',
    ]);
    // the ISC met at the ISC meeting held with the conference, not at the conference itself
    expect(byActor.has('institution/isc')).toBe(false);
  });

  it('list every occasion where the partners met as partners, keeping conference and kick-off', async () => {
    const ids = async (kind: string): Promise<string[]> =>
      (await data(`query ($kind: MeetingKind) { meetings(kind: $kind) { id } }`, { kind })).meetings
        .map((m: Row) => m.id)
        .sort();
    expect(await ids('PARTNER_MEETING')).toEqual([
      'meeting/gdansk-2011',
      'meeting/genoa-2011',
      'meeting/leipzig-2010',
      'meeting/ljubljana-2011-isc-meeting',
      'meeting/partner-meeting-2012-03',
      'meeting/pecs-2010-isc-meeting',
    ]);
    expect(await ids('CONFERENCE')).toEqual([
      'meeting/inno3city-2011',
      'meeting/ljubljana-2011',
      'meeting/pecs-2010',
    ]);
    expect(await ids('KICK_OFF_EVENT')).toEqual(['meeting/gdansk-2010']);
    const { meeting } = await data(
      `{ meeting(id: "meeting/pecs-2010-isc-meeting") {
           city { id } sources { quote } participations { actor { id } } } }`,
    );
    expect(meeting.city.id).toBe('city/pecs');
    expect(meeting.sources.map((s: Row) => s.quote)).toContain(
      'ISC-Meeting (International Steering Committee)',
    );
    expect(meeting.participations.map((p: Row) => p.actor.id)).toEqual(['institution/isc']);
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "meeting/pecs-2010-isc-meeting") { relationships { type from to } } }`,
    );
    // the conference, a step of the timeline, is held with its side meeting (as Gdańsk 2011 is)
    expect(neighbourhood.relationships).toContainEqual({
      type: 'HELD_WITH',
      from: 'meeting/pecs-2010',
      to: 'meeting/pecs-2010-isc-meeting',
    });
  });

  it('flag "host" roles and the Marketing field of the platform and the Innovation Lab', async () => {
    const gdansk = (await participationsOf('meeting/gdansk-2011')).find(
      (p) => p.actor.id === 'city/gdansk',
    );
    expect(gdansk).toMatchObject({ basis: 'INFERRED', role: expect.stringMatching(/^host;/) });
    for (const id of ['action/communication-platform', 'action/innovation-lab-le']) {
      const { neighbourhood } = await data(
        `query ($id: ID!) { neighbourhood(id: $id) { relationships { type to basis } } }`,
        { id },
      );
      expect(neighbourhood.relationships).toContainEqual({
        type: 'IN_FIELD',
        to: 'field/marketing',
        basis: 'INFERRED',
      });
    }
  });

  it('flag the local steering group as Leipzig’s', async () => {
    const { action } = await data(
      `{ action(id: "action/local-action-plan-leipzig") {
           contributors { actor { id } basis note } } }`,
    );
    expect(action.contributors).toContainEqual({
      actor: { id: 'institution/steering-group-leipzig' },
      basis: 'INFERRED',
      note: expect.stringContaining('die lokale Steuergruppe'),
    });
  });

  it('give English names, keeping the report’s spelling as German name and alias', async () => {
    const { ipop, foundation } = await data(
      `{ ipop: institution(id: "institution/institute-of-spatial-policies") { name nameDe aliases }
         foundation: institution(id: "institution/unternehmer-stiftung-gdansk") { name nameDe aliases } }`,
    );
    expect(ipop).toEqual({
      name: 'Institute for Spatial Policies (IPoP)',
      nameDe: 'Institute of Spatial Policies Ljubljana',
      aliases: ['Institute of Spatial Policies Ljubljana'],
    });
    expect(foundation).toEqual({
      name: 'Gdańsk Entrepreneurship Foundation',
      nameDe: 'Unternehmer-Stiftung Gdansk',
      aliases: ['Unternehmer-Stiftung Gdansk'],
    });
  });

  it('translate as corrected', async () => {
    const { ljubljana, genoa, gdansk } = await data(
      `{ ljubljana: meeting(id: "meeting/ljubljana-2011") { outcomes { text textEn } }
         genoa: meeting(id: "meeting/genoa-2011") { outcomes { text textEn } }
         gdansk: meeting(id: "meeting/gdansk-2010") { outcomes { text textEn } } }`,
    );
    const english = (outcomes: Row[], german: string): string =>
      outcomes.find((s) => s.text.startsWith(german))!.textEn;
    expect(english(ljubljana.outcomes, 'Erfassung und Unterstützung')).toMatch(/^Recording/);
    expect(english(ljubljana.outcomes, 'Katalog bestehender')).toMatch(/training offers/);
    expect(english(ljubljana.outcomes, 'Stärkung des Leipziger Westens')).toMatch(
      /Leipzig's western districts/,
    );
    expect(english(genoa.outcomes, 'Das Amt für Stadterneuerung')).toMatch(
      /by the next partner meeting/,
    );
    expect(english(gdansk.outcomes, 'Vertiefung')).toMatch(/^Refining/);
  });
});

describe('partnership', () => {
  it('flags what "alle Partnerstädte" expands as INFERRED, naming the phrase', async () => {
    const gdansk2010 = await participationsOf('meeting/gdansk-2010');
    const leipzig = gdansk2010.find((p) => p.actor.id === 'city/leipzig')!;
    expect(leipzig).toMatchObject({
      basis: 'INFERRED',
      note: 'expands "aller Partnerstädte" to the partner cities',
    });
    // named: "Best Practice … aus Ljubljana, Genua und Leipzig"
    const pecs2010 = await participationsOf('meeting/pecs-2010');
    expect(pecs2010.find((p) => p.actor.id === 'city/leipzig')).toMatchObject({ basis: 'STATED' });
    // "Leipzig sowie alle weiteren Projektpartner": Leipzig by name, the others through the phrase
    const march2012 = new Map(
      (await participationsOf('meeting/partner-meeting-2012-03')).map((p) => [p.actor.id, p]),
    );
    expect(march2012.get('city/leipzig')).toMatchObject({ basis: 'STATED' });
    expect(march2012.get('city/genoa')).toMatchObject({
      basis: 'INFERRED',
      note: expect.stringContaining('"alle weiteren Projektpartner"'),
    });
  });

  it("orders Leipzig's partners by what they share by name", async () => {
    const { city } = await data(
      `{ city(id: "city/leipzig") { partners { city { id } sharedMeetings { id } } } }`,
    );
    const partners: Row[] = city.partners;
    expect(partners.map((p) => p.city.id).sort()).toEqual([
      'city/gdansk',
      'city/genoa',
      'city/ljubljana',
      'city/pecs',
    ]);
    const ljubljana = partners.find((p) => p.city.id === 'city/ljubljana')!;
    // shared by name now: Ljubljana hosted it, Leipzig presented its local action plan there
    expect(ljubljana.sharedMeetings.map((m: Row) => m.id)).toContain('meeting/ljubljana-2011');
    // shared only through "aller Partnerstädte", still shared
    for (const partner of partners) {
      expect(partner.sharedMeetings.map((m: Row) => m.id)).toContain('meeting/gdansk-2010');
    }
    expect(partners[0]!.city.id).toBe('city/ljubljana');
  });
});

describe('what happened, as data', () => {
  it('says what each outcome records and whether it is an "Ableitung für Leipzig"', async () => {
    const { genoa, leipzig, gdansk } = await data(
      `{ genoa: meeting(id: "meeting/genoa-2011") {
           topics { kind forLeipzig } outcomes { text kind forLeipzig } }
         leipzig: meeting(id: "meeting/leipzig-2010") { outcomes { text kind } }
         gdansk: meeting(id: "meeting/gdansk-2010") { outcomes { text kind } } }`,
    );
    const decided = (outcomes: Row[]) =>
      outcomes.filter((s) => s.kind === 'DECISION').map((s) => s.text);
    expect(
      genoa.outcomes.find((s: Row) => s.text.startsWith('Der Transnationale Aktionsplan wurde')),
    ).toMatchObject({ kind: 'ADOPTION', forLeipzig: false });
    expect(
      genoa.outcomes.find((s: Row) => s.text.startsWith('Das Amt für Stadterneuerung')),
    ).toMatchObject({ kind: 'TASK', forLeipzig: true });
    expect(decided(genoa.outcomes)).toEqual([
      expect.stringMatching(/^Die Herangehensweise, .* diskutiert und abgestimmt\./),
    ]);
    for (const topic of genoa.topics) expect(topic).toEqual({ kind: null, forLeipzig: false });
    // decisions with content: the three sub-sectors, the common definition
    expect(decided(leipzig.outcomes)).toContain(
      'Festlegung von drei Subbranchen zur vertiefenden Betrachtung im transnationalen Vergleich',
    );
    expect(decided(gdansk.outcomes).join(' ')).toMatch(
      /Festlegung einer gemeinsamen Begriffsdefinition/,
    );
  });

  it("tells what happened to each action on a meeting's agenda", async () => {
    const { meeting } = await data(
      `{ meeting(id: "meeting/genoa-2011") {
           agenda { action { id } role roleDe basis sources { quote } } } }`,
    );
    const byAction = new Map(meeting.agenda.map((item: Row) => [item.action.id, item]));
    expect(byAction.get('action/transnational-action-plan')).toMatchObject({
      role: 'adopted',
      roleDe: 'verabschiedet',
      basis: 'STATED',
    });
    expect((byAction.get('action/transnational-action-plan') as Row).sources[0].quote).toMatch(
      /verabschiedet\.$/,
    );
    expect(byAction.get('action/transnational-study')).toMatchObject({ role: 'presented' });
    const adopted = meeting.agenda
      .filter((item: Row) => item.role === 'adopted')
      .map((item: Row) => item.action.id)
      .sort();
    expect(adopted).toEqual([
      'action/joint-action-plan',
      'action/sala-dogana-exhibition',
      'action/transnational-action-plan',
    ]);
  });
});
