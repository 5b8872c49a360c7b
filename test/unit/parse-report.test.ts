import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReportParseError } from '../../src/ingest/errors';
import { ParsedMeeting, parseReport } from '../../src/ingest/parse-report';

const REPORT = readFileSync(
  path.join(__dirname, '../../data/sources/000_8c8abccec544f9ff.txt'),
  'utf8',
);

function expectParseError(text: string, line: number, message: RegExp): void {
  let thrown: unknown;
  try {
    parseReport(text);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ReportParseError);
  expect((thrown as ReportParseError).line).toBe(line);
  expect((thrown as Error).message).toMatch(new RegExp(`^line ${line}: `));
  expect((thrown as Error).message).toMatch(message);
}

describe('parseReport on the real report', () => {
  const report = parseReport(REPORT);
  const meeting = (heading: string): ParsedMeeting => {
    const found = report.meetings.find((m) => m.heading === heading);
    if (!found) throw new Error(`no meeting ${heading}`);
    return found;
  };
  const counts = (m: ParsedMeeting) => ({
    topic: m.statements.filter((s) => s.part === 'topic').length,
    outcome: m.statements.filter((s) => s.part === 'outcome').length,
  });

  it('reads the title and the footer', () => {
    expect(report.title).toBe('Übersicht der bisherigen Partnertreffen (2010-2012)');
    expect(report.footer).toEqual(['Stadt Leipzig', 'Creative Cities']);
  });

  it('finds the six meetings in source order with place, country and year', () => {
    expect(
      report.meetings.map((m) => [m.heading, m.place, m.country ?? null, m.year, m.line]),
    ).toEqual([
      ['Gdansk, Polen (2010)', 'Gdansk', 'Polen', 2010, 7],
      ['Pécs, Ungarn (2010)', 'Pécs', 'Ungarn', 2010, 11],
      ['Leipzig (2010)', 'Leipzig', null, 2010, 22],
      ['Ljubljana , Slowenien (2011)', 'Ljubljana', 'Slowenien', 2011, 33],
      ['Genua, Italien (2011)', 'Genua', 'Italien', 2011, 46],
      ['Gdansk, Polen (2011)', 'Gdansk', 'Polen', 2011, 57],
    ]);
  });

  it('splits every meeting into exactly the items of the source', () => {
    expect(report.meetings.map((m) => [m.heading, counts(m)])).toEqual([
      ['Gdansk, Polen (2010)', { topic: 1, outcome: 6 }],
      ['Pécs, Ungarn (2010)', { topic: 1, outcome: 5 }],
      ['Leipzig (2010)', { topic: 7, outcome: 14 }],
      ['Ljubljana , Slowenien (2011)', { topic: 5, outcome: 24 }],
      ['Genua, Italien (2011)', { topic: 7, outcome: 7 }],
      ['Gdansk, Polen (2011)', { topic: 4, outcome: 5 }],
    ]);
    expect(report.meetings.flatMap((m) => m.statements)).toHaveLength(86);
  });

  it('numbers statements per meeting and part, in source order', () => {
    for (const m of report.meetings) {
      for (const part of ['topic', 'outcome'] as const) {
        const orders = m.statements.filter((s) => s.part === part).map((s) => s.order);
        expect(orders).toEqual(orders.map((_, index) => index + 1));
      }
    }
  });

  it('gives each "Ableitung für Leipzig" item its own statement under its numbered item', () => {
    const genoa = meeting('Genua, Italien (2011)').statements.filter((s) => s.part === 'outcome');
    expect(genoa[4]).toMatchObject({
      order: 5,
      section: 'Genua, Italien (2011) > Ergebnis/Ableitung > 2 > Ableitung für Leipzig',
      derivation: true,
      text:
        'Die Unternehmer-Stiftung Gdansk wird zeitnah einen Vorschlag zum Thema und Experten der ' +
        'Workshops präsentieren. Leipziger Kreative werden als Teilnehmer für den Workshop ' +
        'angesprochen werden.',
    });
    // inline Ableitung inside a list item (Gdańsk 2011)
    const gdansk = meeting('Gdansk, Polen (2011)').statements.filter((s) => s.part === 'outcome');
    expect(gdansk.map((s) => s.section)).toEqual([
      'Gdansk, Polen (2011) > Ergebnis/Ableitung > 1',
      'Gdansk, Polen (2011) > Ergebnis/Ableitung > 1 > Ableitung für Leipzig',
      'Gdansk, Polen (2011) > Ergebnis/Ableitung > 2',
      'Gdansk, Polen (2011) > Ergebnis/Ableitung > 3',
      'Gdansk, Polen (2011) > Ergebnis/Ableitung > 3 > Ableitung für Leipzig',
    ]);
    expect(gdansk[4]?.text).toMatch(/^Alle Städte sind aufgefordert/);
  });

  it('puts an Ableitung that follows a whole list at the level of the part', () => {
    const leipzig = meeting('Leipzig (2010)').statements.filter((s) => s.derivation);
    expect(leipzig).toHaveLength(9);
    expect(new Set(leipzig.map((s) => s.section))).toEqual(
      new Set(['Leipzig (2010) > Ergebnis/Ableitung > Ableitung für Leipzig']),
    );
    expect(leipzig[8]?.text).toBe(
      'Arbeitsaufnahme: Januar 2011 (Umsetzung: März 2011 bis Dezember 2013)',
    );
  });

  it('removes markup and item markers, decodes entities and collapses whitespace', () => {
    const pecs = meeting('Pécs, Ungarn (2010)').statements;
    expect(pecs[3]?.text).toBe(
      'ISC-Meeting (International Steering Committee) => Evaluation der ersten Förderungsperiode ' +
        'und Festlegung weiterer Arbeitspakete innerhalb des Projektes sowie Verantwortlichkeiten',
    );
    expect(pecs[4]?.text).toBe(
      'Finalisieren der SWOT-Analyse (quantitativer und qualitativer Teil)',
    );
    const all = report.meetings.flatMap((m) => m.statements);
    for (const statement of all) {
      expect(statement.text).not.toMatch(/<\/?[a-z]+|&\w+;|\s{2}|^\s|\s$|^(?:\d+\.|[-→➔➤])\s/);
    }
  });

  it('splits agenda lines separated by wide gaps and joins a line cut mid-phrase', () => {
    const topics = meeting('Leipzig (2010)').statements.filter((s) => s.part === 'topic');
    expect(topics.map((s) => s.text)).toEqual([
      'Zweites Internationales Partnertreffen',
      'Präsentation Leipzig als Standort für Kultur- und Kreativwirtschaft',
      'Kick off Workshop zur Erstellung eines transnationalen Aktionsplanes zur Entwicklung ' +
        'gemeinsamer Leitlinien und Bündelung transnationaler Maßnahmen sowie Entwicklung ' +
        'transnationaler Pilotprojekte (IV. Quartal 2010 bis III. Quartal 2011)',
      'Vortrag: Finanzierung von Projekten der Kreativwirtschaft/ Präsentation der ' +
        'Wirtschaftsförderung (Amt für Wirtschaftsförderung und Sparkasse am Beispiel Tapetenwerk)',
      'Präsentation der Leipziger Clusterstrategie Medien- und Kreativwirtschaft durch das Amt ' +
        'für Wirtschaftsförderung',
      'Ergebnispräsentation der lokalen SWOT-Analysen aller Projektpartner',
      'ISC-Meeting',
    ]);
  });

  it('continues a nested list across the page break with its sub-heading', () => {
    const ljubljana = meeting('Ljubljana , Slowenien (2011)').statements;
    const marketing = ljubljana.filter((s) => s.section.endsWith('Handlungsfeld ‚Marketing‘'));
    expect(marketing.map((s) => [s.text, s.line])).toEqual([
      ['Handlungsfeld ‚Marketing‘:', 35],
      ['Erarbeitung und Umsetzung eines Marketing- u. Kommunikationskonzeptes für Leipzig', 35],
      ['Qualifizierung einer Kommunikationsplattform', 41],
      ['Aufbau des Innovation Lab L.E.', 41],
      ['Stadtentwicklung', 41],
      ['Stärkung des Leipziger Westens als Standort der Kreativwirtschaft', 41],
    ]);
    expect(marketing[0]?.section).toBe(
      'Ljubljana , Slowenien (2011) > Ergebnis/Ableitung > 2 > Handlungsfeld ‚Marketing‘',
    );
    const third = ljubljana.find((s) => s.part === 'outcome' && s.number === 3);
    expect(third?.section).toBe('Ljubljana , Slowenien (2011) > Ergebnis/Ableitung > 3');
  });

  it('continues numbering of a Thema across a page break', () => {
    const topics = meeting('Gdansk, Polen (2011)').statements.filter((s) => s.part === 'topic');
    expect(topics.map((s) => [s.section, s.line])).toEqual([
      ['Gdansk, Polen (2011) > Thema', 58],
      ['Gdansk, Polen (2011) > Thema > 1', 58],
      ['Gdansk, Polen (2011) > Thema > 2', 64],
      ['Gdansk, Polen (2011) > Thema > 3', 64],
    ]);
  });
});

describe('parseReport on malformed input', () => {
  const TITLE = '**Übersicht**\n\n';
  const BLOCK =
    'Ort\t<b>Genua, Italien (2011)</b>\nThema\t<p>1. A</p>\nErgebnis/Ableitung\t<p>1. B</p>\n';

  it('accepts a minimal well-formed report', () => {
    const report = parseReport(TITLE + BLOCK);
    expect(report.meetings).toHaveLength(1);
    expect(report.meetings[0]?.statements.map((s) => s.section)).toEqual([
      'Genua, Italien (2011) > Thema > 1',
      'Genua, Italien (2011) > Ergebnis/Ableitung > 1',
    ]);
  });

  it('rejects an empty file', () => {
    expectParseError('', 1, /empty/);
    expectParseError('\n\n  \n', 1, /empty/);
  });

  it('rejects a title without any meeting', () => {
    expectParseError('**Übersicht**\n', 2, /no meetings/);
  });

  it('rejects a block without Ort', () => {
    expectParseError(`${TITLE}Thema\t<p>A</p>\n`, 3, /Thema row without an Ort row/);
    expectParseError(`${TITLE}${BLOCK}--\t---\nThema\t<p>C</p>\n`, 7, /second Thema row/);
  });

  it('rejects a meeting without Thema or Ergebnis', () => {
    expectParseError(`${TITLE}Ort\tGenua (2011)\nOrt\tPécs (2010)\n`, 3, /no Thema row/);
    expectParseError(`${TITLE}Ort\tGenua (2011)\nThema\tA\n`, 3, /no Ergebnis\/Ableitung row/);
  });

  it('rejects an Ort without a year', () => {
    expectParseError(`${TITLE}Ort\t<b>Genua, Italien</b>\n`, 3, /Place, Country \(Year\)/);
  });

  it('rejects an unclosed list, naming its line', () => {
    const text = `${TITLE}Ort\tGenua (2011)\nThema\t<ol><li>1. A</li>\nErgebnis/Ableitung\tB\n`;
    expectParseError(text, 4, /unclosed <ol>/);
  });

  it('rejects mismatched and unsupported tags', () => {
    const withTopic = (topic: string) =>
      `${TITLE}Ort\tGenua (2011)\nThema\t${topic}\nErgebnis/Ableitung\tB\n`;
    expectParseError(withTopic('<ul><li>A</ul>'), 4, /<\/ul> does not match/);
    expectParseError(withTopic('<table>A</table>'), 4, /unsupported HTML tag/);
    expectParseError(withTopic('A &bogus; B'), 4, /unknown HTML entity/);
  });

  it('rejects a continuation row before any cell', () => {
    expectParseError(`${TITLE}\tstray continuation\n`, 3, /continuation row without a cell/);
  });

  it('rejects stray text inside the table instead of dropping the rest', () => {
    expectParseError(
      `${TITLE}${BLOCK}stray text\n${BLOCK}`,
      7,
      /table row after the text at line 6/,
    );
  });

  it('rejects a cell without text', () => {
    expectParseError(
      `${TITLE}Ort\tGenua (2011)\nThema\t<p> </p>\nErgebnis/Ableitung\tB\n`,
      4,
      /has no text/,
    );
  });
});
