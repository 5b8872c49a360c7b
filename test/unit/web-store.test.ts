// The explorer's page store: who is told of which change, and the transitions the features
// rely on (graph contents merged, the state a shared link opens with); where an expansion
// puts its new nodes.
import { createPageStore, EMPTY_GRAPH, initialPageState, mergeGraph } from '../../web/src/store';
import type { GraphContents, PageState } from '../../web/src/store';
import { indexRoles, loadedLinks } from '../../web/src/roles';
import { formatState, pageStateFromLink, parseState } from '../../web/src/url';
import { boxAt, boxesMeet, placeAround } from '../../web/src/placement';
import type { Box } from '../../web/src/placement';

const leipzig = { id: 'city/leipzig', name: 'Leipzig', nameDe: null, kind: 'City' as const };
const hgb = {
  id: 'institution/hgb-leipzig',
  name: 'HGB Leipzig',
  nameDe: 'Hochschule für Grafik und Buchkunst',
  kind: 'Institution' as const,
};
const basedIn = {
  id: '7',
  type: 'BASED_IN',
  from: hgb.id,
  to: leipzig.id,
  role: null,
  roleDe: null,
  basis: 'STATED' as const,
  sources: [],
};

describe('page store', () => {
  test('a watcher renders at once, then only when a value it watches changes', () => {
    const page = createPageStore(initialPageState());
    const seen: [string, string | undefined][] = [];
    page.watch(
      (s) => [s.lang, s.selected],
      ([lang, selected]) => seen.push([lang, selected]),
    );
    expect(seen).toEqual([['en', undefined]]);

    page.set({ lang: 'de' });
    page.set({ status: 'unrelated' });
    page.set({ lang: 'de' });
    page.set({ selected: leipzig.id });
    expect(seen).toEqual([
      ['en', undefined],
      ['de', undefined],
      ['de', leipzig.id],
    ]);
  });

  test('a watcher that stopped is told nothing more', () => {
    const page = createPageStore(initialPageState());
    let renders = 0;
    const stop = page.watch(
      (s) => [s.view],
      () => (renders += 1),
    );
    page.set({ view: 'table' });
    stop();
    page.set({ view: 'graph' });
    expect(renders).toBe(2);
  });

  test('a change made while watchers run reaches every watcher, last state last', () => {
    const page = createPageStore(initialPageState());
    // As the graph's selection events do: a watcher changes the state again.
    page.watch(
      (s) => [s.selected],
      ([selected]) => {
        if (selected === 'pending') page.set({ selected: leipzig.id });
      },
    );
    const urls: (string | undefined)[] = [];
    page.watch(
      (s) => [s.selected],
      ([selected]) => urls.push(selected),
    );
    page.set({ selected: 'pending' });
    expect(page.get().selected).toBe(leipzig.id);
    expect(urls[urls.length - 1]).toBe(leipzig.id);
  });

  test('set with a function changes the state from the current one', () => {
    const page = createPageStore(initialPageState());
    page.set((s) => ({ running: [...s.running, 'expand'] }));
    page.set((s) => ({ running: [...s.running, 'details'] }));
    expect(page.get().running).toEqual(['expand', 'details']);
  });
});

describe('mergeGraph', () => {
  test('adds new nodes beside the one they were drawn from, and edges between drawn nodes', () => {
    const { graph: one } = mergeGraph(EMPTY_GRAPH, [leipzig], [basedIn], undefined, Infinity);
    expect(one.nodes).toEqual([leipzig]);
    expect(one.edges).toEqual([]); // HGB is not drawn yet

    const { graph: two } = mergeGraph(one, [leipzig, hgb], [basedIn], leipzig.id, Infinity);
    expect(two.nodes).toEqual([leipzig, { ...hgb, near: leipzig.id }]);
    expect(two.edges).toEqual([
      {
        id: `${hgb.id}>BASED_IN>${leipzig.id}`,
        type: 'BASED_IN',
        from: hgb.id,
        to: leipzig.id,
        role: null,
        roleDe: null,
        basis: 'STATED',
        sources: [],
      },
    ]);
  });

  test('draws a relationship the API names twice once, and keeps the graph when nothing is new', () => {
    const graph: GraphContents = mergeGraph(
      EMPTY_GRAPH,
      [leipzig, hgb],
      [basedIn, { ...basedIn, id: '8' }],
      undefined,
      Infinity,
    ).graph;
    expect(graph.edges).toHaveLength(1);
    expect(mergeGraph(graph, [hgb], [basedIn], leipzig.id, Infinity).graph).toBe(graph);
  });

  test('draws no node beyond the cap, in the order given, and counts those it left out', () => {
    const { graph: full, left } = mergeGraph(EMPTY_GRAPH, [leipzig, hgb], [basedIn], undefined, 1);
    expect(full.nodes).toEqual([leipzig]);
    expect(full.edges).toEqual([]); // HGB was left out, and so its edge
    expect(left).toBe(1);
    expect(mergeGraph(full, [hgb], [basedIn], leipzig.id, 1)).toEqual({ graph: full, left: 1 });
    expect(mergeGraph(full, [leipzig], [], undefined, 1).left).toBe(0); // drawn already
  });
});

describe('the state a link opens with', () => {
  test('a bare link opens the whole network with nothing selected', () => {
    const link = parseState('');
    expect(link.exp).toEqual([]);
    const state = pageStateFromLink(link);
    expect(state.selected).toBeUndefined();
    expect(state.details).toEqual({ status: 'none' });
    expect(state.lang).toBe('en');
  });

  test('a shared link names selection, details, path ends, language, view and filters', () => {
    const hash =
      '#sel=city/genoa&d=meeting/genoa-2011&exp=city/leipzig,city/genoa&lang=de&view=table' +
      '&from=institution/hgb-leipzig&to=city/genoa&field=field/education&sort=-lead';
    const link = parseState(hash);
    const state = pageStateFromLink(link);
    expect(state).toMatchObject({
      selected: 'city/genoa',
      details: { status: 'loading', id: 'meeting/genoa-2011' },
      lang: 'de',
      view: 'table',
      path: { from: 'institution/hgb-leipzig', to: 'city/genoa', outcome: { status: 'none' } },
      table: { field: 'field/education', sort: '-lead' },
    });
    expect(link.exp).toEqual(['city/leipzig', 'city/genoa']);
    expect(formatState(link)).toBe(hash);
  });
});

describe('placeAround: new nodes around the expanded one, on free spots', () => {
  const extent = { left: 20, right: 20, top: 15, bottom: 35 };
  const meets = (boxes: Box[]) =>
    boxes.some((a, i) => boxes.some((b, j) => i < j && boxesMeet(a, b)));

  test('every new box stays clear of the drawn ones and of each other', () => {
    // A crowd of drawn nodes right around the centre, as in the whole network.
    const obstacles: Box[] = [];
    for (let x = -150; x <= 150; x += 60) {
      for (let y = -150; y <= 150; y += 75) obstacles.push(boxAt({ x, y }, extent));
    }
    const extents = Array.from({ length: 24 }, () => extent);
    const spots = placeAround({ x: 0, y: 0 }, extents, obstacles);
    expect(spots).toHaveLength(24);
    const placed = spots.map((p) => boxAt(p, extent));
    expect(meets([...obstacles, ...placed])).toBe(false);
  });

  test('with room, the new nodes form a ring next to the centre', () => {
    const spots = placeAround({ x: 100, y: 50 }, [extent, extent, extent], []);
    for (const p of spots) {
      const distance = Math.hypot(p.x - 100, p.y - 50);
      // One spacing: the box's larger side (40 wide, 50 high) and the gap.
      expect(distance).toBeCloseTo(60, 5);
    }
    expect(meets(spots.map((p) => boxAt(p, extent)))).toBe(false);
  });

  test('boxes that only come within the gap count as meeting', () => {
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    expect(boxesMeet(a, { x1: 15, y1: 0, x2: 25, y2: 10 })).toBe(false);
    expect(boxesMeet(a, { x1: 15, y1: 0, x2: 25, y2: 10 }, 6)).toBe(true);
  });
});

describe('roles of links in both languages', () => {
  test('the loaded qualified links index their roles by drawn edge, once each', () => {
    const ljubljana = { __typename: 'City' as const, id: 'city/ljubljana', name: 'Ljubljana' };
    const plan = {
      id: 'action/plan',
      name: 'Plan',
      kind: 'PLAN' as const,
      leadership: [
        { role: 'editing', roleDe: 'Redaktion', basis: 'STATED' as const, actor: ljubljana },
        { role: 'editing', roleDe: 'Redaktion', basis: 'STATED' as const, actor: ljubljana },
      ],
      contributors: [],
      meetings: [],
    };
    const meeting = {
      id: 'meeting/m',
      name: 'M',
      kind: 'PARTNER_MEETING' as const,
      status: 'HELD' as const,
      year: 2011,
      participations: [{ role: 'host', roleDe: 'Gastgeber', actor: { id: ljubljana.id } }],
      agenda: [{ role: null, roleDe: null, action: { id: plan.id } }],
    };
    const index = indexRoles(
      loadedLinks({
        actions: [plan] as unknown as PageState['actions'],
        meetings: [meeting] as unknown as PageState['meetings'],
        projects: [],
      }),
    );
    expect(Object.fromEntries(index)).toEqual({
      [`${ljubljana.id}>LEADS>${plan.id}`]: [{ role: 'editing', roleDe: 'Redaktion' }],
      [`${ljubljana.id}>TOOK_PART_IN>${meeting.id}`]: [{ role: 'host', roleDe: 'Gastgeber' }],
    });
  });
});
