// The explorer's page store: who is told of which change, and the transitions the features
// rely on (graph contents merged, the state a shared link opens with).
import { createPageStore, EMPTY_GRAPH, initialPageState, mergeGraph } from '../../web/src/store';
import type { GraphContents } from '../../web/src/store';
import { formatState, pageStateFromLink, parseState } from '../../web/src/url';

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
    const one = mergeGraph(EMPTY_GRAPH, [leipzig], [basedIn]);
    expect(one.nodes).toEqual([leipzig]);
    expect(one.edges).toEqual([]); // HGB is not drawn yet

    const two = mergeGraph(one, [leipzig, hgb], [basedIn], leipzig.id);
    expect(two.nodes).toEqual([leipzig, { ...hgb, near: leipzig.id }]);
    expect(two.edges).toEqual([
      {
        id: `${hgb.id}>BASED_IN>${leipzig.id}`,
        type: 'BASED_IN',
        from: hgb.id,
        to: leipzig.id,
        role: null,
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
    );
    expect(graph.edges).toHaveLength(1);
    expect(mergeGraph(graph, [hgb], [basedIn], leipzig.id)).toBe(graph);
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
