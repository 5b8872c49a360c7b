// The corrections of data/annotations/README.md ("Corrections"), read back through the API from
// the loaded report: who took part where, what is an actor, meeting kinds, flagged inferences,
// English names and translations.
import { readFileSync } from 'node:fs';
import { DEFAULT_REPORT_PATH } from '../../src/ingest/build-graph';
import { dataOf, gql, startTestApi, type TestApi } from '../support/api-server';

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
      'meeting/partner-meeting-2012-06-genoa',
      'meeting/pecs-2010-isc-meeting',
    ]);
    expect(await ids('CONFERENCE')).toEqual([
      'meeting/final-conference-leipzig',
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
      // after the note of the annotation (here: the passive "Präsentation …" read actively)
      note: expect.stringMatching(/; expands "aller Partnerstädte" to the partner cities$/),
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

/** The report's text as the quotes read it: markup removed, whitespace collapsed. */
const reportText = readFileSync(DEFAULT_REPORT_PATH, 'utf8')
  .replace(/<[^>]+>/g, ' ')
  .replace(/=&gt;/g, '=>')
  .replace(/\s+/g, ' ');
const quotesOf = (sources: Row[]): string[] => sources.map((source) => source.quote);

/** The relationships of `type` between two entities, as a graph view reads them. */
async function edge(from: string, type: string, to: string): Promise<Row> {
  const { neighbourhood } = await data(
    `query ($id: ID!) { neighbourhood(id: $id, depth: 1) {
       relationships { type from to role basis note sources { quote verbatim } } } }`,
    { id: from },
  );
  const found = neighbourhood.relationships.filter(
    (r: Row) => r.type === type && r.from === from && r.to === to,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

describe('facts still missing (issue 15, item 4)', () => {
  it('record the June 2012 partner meeting in Genoa with the exhibition, inferred, after March 2012', async () => {
    const { meeting } = await data(
      `{ meeting(id: "meeting/partner-meeting-2012-06-genoa") {
           kind status year date city { id } previous { id } next { id }
           sources { quote }
           claims { property value basis note sources { quote } }
           agenda { role basis note action { id } sources { quote } } } }`,
    );
    expect(meeting).toMatchObject({
      kind: 'PARTNER_MEETING',
      status: 'PLANNED',
      year: 2012,
      date: '2012-06',
      city: { id: 'city/genoa' },
      previous: { id: 'meeting/partner-meeting-2012-03' },
      next: null,
    });
    const quotes = quotesOf(meeting.sources);
    expect(quotes).toContain(
      'Diese werden ihre Arbeiten im Juni während des nächsten Partnertreffens präsentieren.',
    );
    expect(quotes.join(' ')).toMatch(/im Juni 2012 in Genua/);
    for (const quote of quotes) expect(reportText).toContain(quote);
    // the month and the year come from two passages: the date is an INFERRED claim
    expect(meeting.claims).toEqual([
      expect.objectContaining({ property: 'date', value: '2012-06', basis: 'INFERRED' }),
    ]);
    // the exhibition is shown at it: an inferred agenda item with its reason
    expect(meeting.agenda).toEqual([
      expect.objectContaining({
        action: { id: 'action/sala-dogana-exhibition' },
        basis: 'INFERRED',
        note: expect.stringContaining('im Juni 2012 in Genua im Sala Dogana'),
      }),
    ]);
    // reconciled with "next partner meeting (March 2012)": March comes first, by the dates
    const step = await edge(
      'meeting/partner-meeting-2012-03',
      'NEXT',
      'meeting/partner-meeting-2012-06-genoa',
    );
    expect(step).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(/inferred/) });
  });

  it('record the final conference in Leipzig as planned, without a date, its year an inferred lower bound', async () => {
    const { meeting } = await data(
      `{ meeting(id: "meeting/final-conference-leipzig") {
           kind status year date city { id } previous { id } next { id }
           sources { quote } claims { property value basis note }
           agenda { role note action { id } } } }`,
    );
    expect(meeting).toMatchObject({
      kind: 'CONFERENCE',
      status: 'PLANNED',
      date: null,
      city: { id: 'city/leipzig' },
      previous: null,
      next: null,
    });
    expect(quotesOf(meeting.sources)).toContain('eventuell zur Abschlusskonferenz in Leipzig');
    expect(meeting.claims).toEqual([
      expect.objectContaining({
        property: 'year',
        value: String(meeting.year),
        basis: 'INFERRED',
        note: expect.stringMatching(/not before/),
      }),
    ]);
    expect(meeting.agenda).toEqual([
      expect.objectContaining({
        action: { id: 'action/joint-workshops-education' },
        note: expect.stringMatching(/eventuell/),
      }),
    ]);
  });
});

describe('what was decided, as a filtered query (issue 15, item 3)', () => {
  const DECIDED = ['DECISION', 'ADOPTION'];

  it('answers "what was decided in Genoa 2011" on the server', async () => {
    const all = (
      await data(
        `{ meeting(id: "meeting/genoa-2011") { outcomes { id kind } agenda { role action { id } } } }`,
      )
    ).meeting;
    const { meeting } = await data(
      `{ meeting(id: "meeting/genoa-2011") {
           outcomes(kind: [DECISION, ADOPTION]) { id kind text }
           agenda(role: [DECIDED, ADOPTED]) { role action { id } } } }`,
    );
    expect(meeting.outcomes.map((s: Row) => s.id)).toEqual(
      all.outcomes.filter((s: Row) => DECIDED.includes(s.kind)).map((s: Row) => s.id),
    );
    expect(meeting.outcomes.length).toBeGreaterThan(0);
    expect(meeting.outcomes.map((s: Row) => s.text).join(' ')).toMatch(
      /Der Transnationale Aktionsplan wurde unter der Auflage/,
    );
    expect(meeting.agenda.map((item: Row) => item.action.id)).toEqual(
      all.agenda
        .filter((item: Row) => ['decided', 'adopted'].includes(item.role))
        .map((item: Row) => item.action.id),
    );
    expect(meeting.agenda.map((item: Row) => item.action.id)).toContain(
      'action/sala-dogana-exhibition',
    );
  });

  it('takes the filter from variables, request by request', async () => {
    const query = `query ($kind: [StatementKind!], $role: [AgendaRole!]) {
      meeting(id: "meeting/leipzig-2010") { outcomes(kind: $kind) { kind } agenda(role: $role) { role } } }`;
    const decided = (await data(query, { kind: ['DECISION'], role: ['DECIDED'] })).meeting;
    const tasks = (await data(query, { kind: ['TASK'], role: ['PLANNED'] })).meeting;
    const everything = (await data(query, {})).meeting;
    expect(new Set(decided.outcomes.map((s: Row) => s.kind))).toEqual(new Set(['DECISION']));
    expect(new Set(tasks.outcomes.map((s: Row) => s.kind))).toEqual(new Set(['TASK']));
    expect(new Set(decided.agenda.map((a: Row) => a.role))).toEqual(new Set(['decided']));
    expect(new Set(tasks.agenda.map((a: Row) => a.role))).toEqual(new Set(['planned']));
    expect(everything.outcomes.length).toBeGreaterThan(
      decided.outcomes.length + tasks.outcomes.length,
    );
  });

  it('refuses one field asked twice with different filters, as bad input', async () => {
    const response = await gql(
      api.url,
      `{ meeting(id: "meeting/genoa-2011") {
           decided: agenda(role: [DECIDED]) { role } adopted: agenda(role: [ADOPTED]) { role } } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/agenda/);
  });

  it('finds decisions with content: the three sub-sectors, the common definition, the SWOT guideline', async () => {
    const decisionsOf = async (id: string) =>
      (
        await data(
          `query ($id: ID!) { meeting(id: $id) {
             outcomes(kind: [DECISION]) { text textEn }
             agenda(role: [DECIDED]) { action { id } sources { quote } } } }`,
          { id },
        )
      ).meeting;
    const leipzig = await decisionsOf('meeting/leipzig-2010');
    expect(leipzig.outcomes.map((s: Row) => s.text)).toContain(
      'Festlegung von drei Subbranchen zur vertiefenden Betrachtung im transnationalen Vergleich',
    );
    const gdansk = await decisionsOf('meeting/gdansk-2010');
    expect(gdansk.outcomes.map((s: Row) => s.text).join(' ')).toMatch(
      /Festlegung einer gemeinsamen Begriffsdefinition zur Kultur- und Kreativwirtschaft/,
    );
    const swot = gdansk.agenda.find((item: Row) => item.action.id === 'action/swot-analysis');
    expect(quotesOf(swot.sources).join(' ')).toMatch(/gemeinsamen Leitfadens/);

    // and search finds each, in German and in English, as a statement of its meeting
    const hit = async (text: string) =>
      (
        await data(
          `query ($text: String!) { search(text: $text) { entity { id } statement { id kind } } }`,
          { text },
        )
      ).search.filter((h: Row) => h.statement);
    for (const [text, meetingId, kind] of [
      ['drei Subbranchen', 'meeting/leipzig-2010', 'DECISION'],
      ['three sub-sectors', 'meeting/leipzig-2010', 'DECISION'],
      ['gemeinsamen Begriffsdefinition', 'meeting/gdansk-2010', 'DECISION'],
      ['common definition cultural creative industries', 'meeting/gdansk-2010', 'DECISION'],
      ['gemeinsamen Leitfadens SWOT', 'meeting/gdansk-2010', null],
    ] as const) {
      const hits = await hit(text);
      expect(hits[0]).toMatchObject({ entity: { id: meetingId }, statement: { kind } });
    }
  });
});

describe('the order of meetings and quotes that support their fact (issue 15, item 2)', () => {
  it('flags NEXT between meetings of one year inferred, with the reason; between years it is stated', async () => {
    const sameYear = await edge('meeting/gdansk-2010', 'NEXT', 'meeting/pecs-2010');
    expect(sameYear).toMatchObject({
      basis: 'INFERRED',
      note: expect.stringMatching(/only to 2010; their order is the order of its blocks/),
    });
    const acrossYears = await edge('meeting/leipzig-2010', 'NEXT', 'meeting/ljubljana-2011');
    expect(acrossYears).toMatchObject({ basis: 'STATED', note: null });
    expect(quotesOf(acrossYears.sources)).toEqual([
      'Leipzig (2010)',
      'Ljubljana , Slowenien (2011)',
    ]);
    const toMarch = await edge('meeting/gdansk-2011', 'NEXT', 'meeting/partner-meeting-2012-03');
    expect(toMarch.basis).toBe('STATED');
    expect(quotesOf(toMarch.sources).join(' ')).toMatch(/\(März 2012\)/);
  });

  it("quote for Germany and for the ISC's membership what supports them", async () => {
    const { country, institution } = await data(
      `{ country: entity(id: "country/germany") { sources { quote verbatim } }
         institution(id: "institution/isc") { id } }`,
    );
    expect(quotesOf(country.sources)).toContain('Stadt Leipzig');
    expect(quotesOf(country.sources)).not.toContain('Leipzig (2010)');
    expect(institution.id).toBe('institution/isc');
    const { project } = await data(
      `{ project(id: "project/creative-cities") {
           members { actor { id } role basis note sources { quote } } } }`,
    );
    const isc = project.members.find((m: Row) => m.actor.id === 'institution/isc');
    expect(isc).toMatchObject({
      basis: 'INFERRED',
      note: expect.stringMatching(/steering committee/),
    });
    expect(quotesOf(isc.sources)).toEqual([
      expect.stringMatching(
        /^ISC-Meeting \(International Steering Committee\) => Evaluation .* innerhalb des Projektes/,
      ),
    ]);
    for (const quote of quotesOf(isc.sources)) expect(reportText).toContain(quote);
  });

  it('says "Academy of Fine Arts Leipzig" only where the report places it', async () => {
    const { statement } = await data(
      `{ meeting(id: "meeting/genoa-2011") { outcomes { text textEn } } }`,
    ).then(({ meeting }) => ({
      statement: meeting.outcomes.find((s: Row) => s.text.includes('Hochschule für Grafik')),
    }));
    expect(statement.text).not.toMatch(/Hochschule für Grafik und Buchkunst Leipzig/);
    expect(statement.textEn).toMatch(/Academy of Fine Arts\)/);
    expect(statement.textEn).not.toMatch(/Academy of Fine Arts Leipzig/);
  });
});
