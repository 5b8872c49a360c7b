// Search as a user types it (issue 17): names first, then prefixes, then names holding all the
// words, then statements and descriptions; stems of both languages, typos, punctuation and
// stopwords. Through the real API over the report's graph.
import { dataOf, gql, startTestApi, type TestApi } from '../support/api-server';

type Hit = { score: number; entity: { id: string }; statement: { meeting: { id: string } } | null };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const SEARCH = `query($text: String!) {
  search(text: $text) { score entity { id } statement { meeting { id } } }
}`;

async function hits(text: string): Promise<Hit[]> {
  const { search } = await dataOf<{ search: Hit[] }>(api.url, SEARCH, { text });
  const scores = search.map((hit) => hit.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  return search;
}

const ids = async (text: string) => (await hits(text)).map((hit) => hit.entity.id);

describe('search ranking', () => {
  it.each([
    ['Leipzig', 'city/leipzig'],
    ['Genoa', 'city/genoa'],
    ['Genua', 'city/genoa'],
    ['pecs', 'city/pecs'],
    ['Gdańsk', 'city/gdansk'],
    ['Academy of Fine Arts Leipzig (HGB)', 'institution/hgb-leipzig'],
    [
      'Contact Point for the Creative Industries Leipzig',
      'institution/kontaktstelle-kreativwirtschaft-leipzig',
    ],
    ['Potentials of the Creative Urban Regeneration', 'action/transnational-study'],
    ['SWOT-Analyse', 'action/swot-analysis'],
    ['Amt für Wirtschaftsförderung', 'institution/amt-fuer-wirtschaftsfoerderung-leipzig'],
    ['Lepzig', 'city/leipzig'],
    ['Ljubljna', 'city/ljubljana'],
  ])('%p finds %p first', async (text, expected) => {
    expect((await ids(text))[0]).toBe(expected);
  });

  it('puts the exact name before names that start with it or hold it', async () => {
    const found = await ids('Leipzig');
    expect(found.slice(0, 2)).toEqual(['city/leipzig', 'action/leipzig-cluster-strategy']);
    expect(found).toContain('action/local-action-plan-leipzig');
  });

  it('puts the place "Sala Dogana" before the exhibition at it', async () => {
    expect((await ids('Sala Dogana')).slice(0, 2)).toEqual([
      'institution/sala-dogana',
      'action/sala-dogana-exhibition',
    ]);
  });

  it.each(['exhibition', 'exhibitions', 'Ausstellung', 'Ausstellungen'])(
    '%p finds the exhibition (by stem in both languages) before the meeting mentioning it',
    async (text) => {
      const found = await ids(text);
      expect(found[0]).toBe('action/sala-dogana-exhibition');
      expect(found).toContain('meeting/genoa-2011');
    },
  );

  it('finds the report\'s headings: "Genua, Italien (2011)" is the Genoa meeting', async () => {
    expect((await ids('Genua, Italien (2011)'))[0]).toBe('meeting/genoa-2011');
  });

  it('names the meeting of a statement hit', async () => {
    const hit = (await hits('Urheberrecht')).find((h) => h.statement);
    expect(hit?.entity.id).toBe('meeting/genoa-2011');
    expect(hit?.statement?.meeting.id).toBe('meeting/genoa-2011');
  });

  it('never lets stopwords empty a query', async () => {
    expect(await ids('the')).not.toEqual([]);
    expect((await ids('of the Creative Urban Regeneration'))[0]).toBe('action/transnational-study');
  });

  it('answers in one database round trip', async () => {
    api.roundTrips.count = 0;
    await hits('Sala Dogana');
    expect(api.roundTrips.count).toBe(1);
  });
});

describe('search input', () => {
  it.each([
    ['"Sala Dogana"', 'institution/sala-dogana'],
    ['Leipzig*', 'city/leipzig'],
    ['\\\\ Leipzig', 'city/leipzig'],
    ['(HGB)', 'institution/hgb-leipzig'],
  ])('treats Lucene syntax as punctuation: %p finds %p', async (text, expected) => {
    expect((await ids(text))[0]).toBe(expected);
  });

  it('finds nothing, without an error, for words in Lucene syntax that are nowhere', async () => {
    await expect(ids('title:foo AND bar~2 (')).resolves.toEqual([]);
  });

  it.each([
    ['only punctuation', '"()*\\\\'],
    ['only emoji', '🙂🎉'],
    ['too long', 'x'.repeat(201)],
  ])('refuses %s as BAD_USER_INPUT', async (_, text) => {
    const response = await gql(api.url, SEARCH, { text });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
