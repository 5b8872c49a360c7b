// The drawn graph as files other tools open: GraphML (yEd, Gephi, NetworkX) and GEXF (Gephi),
// and rows as CSV (spreadsheets). Each node carries its kind and both names; each edge its
// type, role and basis.
import type { GraphContents } from './store';

function xml(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function graphml(graph: GraphContents): string {
  const keys = [
    ['kind', 'node'],
    ['name', 'node'],
    ['nameDe', 'node'],
    ['type', 'edge'],
    ['role', 'edge'],
    ['basis', 'edge'],
  ]
    .map(([id, on]) => `  <key id="${id}" for="${on}" attr.name="${id}" attr.type="string"/>`)
    .join('\n');
  const data = (pairs: [string, string | null | undefined][]) =>
    pairs
      .filter(([, v]) => v)
      .map(([k, v]) => `<data key="${k}">${xml(v)}</data>`)
      .join('');
  const nodes = graph.nodes.map(
    (n) =>
      `    <node id="${xml(n.id)}">${data([
        ['kind', n.kind],
        ['name', n.name],
        ['nameDe', n.nameDe],
      ])}</node>`,
  );
  const edges = graph.edges.map(
    (e) =>
      `    <edge id="${xml(e.id)}" source="${xml(e.from)}" target="${xml(e.to)}">${data([
        ['type', e.type],
        ['role', e.role],
        ['basis', e.basis],
      ])}</edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    keys,
    '  <graph id="creative-cities" edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

export function gexf(graph: GraphContents): string {
  const values = (pairs: [string, string | null | undefined][]) =>
    `<attvalues>${pairs
      .filter(([, v]) => v)
      .map(([k, v]) => `<attvalue for="${k}" value="${xml(v)}"/>`)
      .join('')}</attvalues>`;
  const attributes = (cls: string, names: string[]) =>
    `    <attributes class="${cls}">${names
      .map((n) => `<attribute id="${n}" title="${n}" type="string"/>`)
      .join('')}</attributes>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <graph defaultedgetype="directed">',
    attributes('node', ['kind', 'nameDe']),
    attributes('edge', ['role', 'basis']),
    '    <nodes>',
    ...graph.nodes.map(
      (n) =>
        `      <node id="${xml(n.id)}" label="${xml(n.name)}">${values([
          ['kind', n.kind],
          ['nameDe', n.nameDe],
        ])}</node>`,
    ),
    '    </nodes>',
    '    <edges>',
    ...graph.edges.map(
      (e) =>
        `      <edge id="${xml(e.id)}" source="${xml(e.from)}" target="${xml(e.to)}" label="${xml(e.type)}">${values(
          [
            ['role', e.role],
            ['basis', e.basis],
          ],
        )}</edge>`,
    ),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}

/** RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. */
export function csv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))
    .join('\r\n')
    .concat('\r\n');
}
