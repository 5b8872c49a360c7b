// `npm run bench:explorer`: the explorer page on a large graph (issue 19: scale 1000). The
// synthetic graph bulk-imported into a throwaway Neo4j sized for it, our API in its own
// process serving the explorer (web/dist, built first), the page opened in headless Chromium
// (test/support/browser.ts; scripts/setup-browser.sh installs it). It prints
//   - the first view: navigation start → first graph drawn, as the page marks it, cold and warm
//     (the median of `--reloads` reloads: single reloads took 1,467–2,460 ms in one run),
//     and how many nodes and edges it drew, against the page's node cap (never more);
//   - search as you type: for each prefix of a few names (from 2 letters on), the search request
//     the page sends after its 200 ms debounce, from leaving the page to its hits drawn (p50, p90).
// Goals (issue 19): first view ≤ 2 s, search p50 ≤ 100 ms.
//
// Options (also as env BENCH_*): --scale 1000  --names 10  --reloads 5
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Core } from 'cytoscape';
import type { Page, Request } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../test/support/browser';
import { DEFAULT_NODE_CAP } from '../web/src/store';
import { graphql, option, percentile, withServedScale } from './harness';

process.env.NODE_ENV = 'production';
process.setSourceMapsEnabled(false);

const settings = {
  scale: Number(option('scale', '1000')),
  names: Number(option('names', '10')),
  reloads: Number(option('reloads', '5')),
};

type ExplorerWindow = Window & { __cy: Core };

/** Waits until the page has no request, layout or camera move in flight. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' && document.body.dataset.pending === '0',
    undefined,
    { timeout: 120_000 },
  );
}

async function firstView(page: Page) {
  return page.evaluate(() => {
    // (No named functions in here: tsx would wrap them in a helper the page does not have.)
    const [hubs, drawn, ms] = ['explorer:hubs', 'explorer:drawn', 'explorer:first-view'].map(
      (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN),
    ) as [number, number, number];
    const cy = (window as unknown as ExplorerWindow).__cy;
    // Where the time went: the page's phases and its requests before the first view.
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.startTime < ms)
      .map((entry) => {
        const name = new URL(entry.name).pathname.split('/').pop() || '/';
        return `${name} ${Math.round(entry.startTime)}–${Math.round(entry.responseEnd)}`;
      });
    return {
      ms,
      phases: `hubs ${hubs}, neighbourhoods drawn ${drawn}, laid out ${ms}; requests (ms from navigation): ${requests.join(', ')}`,
      nodes: cy.nodes().length,
      edges: cy.edges().length,
    };
  });
}

const isSearch = (request: Request) =>
  request.url().endsWith('/graphql') && /\bsearch\b/.test(request.postData() ?? '');

/**
 * Types `name` letter by letter, each prefix of 2 letters or more left for the debounce and the
 * answer; the milliseconds from each search request leaving the page to its hits drawn.
 */
async function searchAsYouType(page: Page, name: string): Promise<number[]> {
  const input = page.getByTestId('search-input');
  const times: number[] = [];
  await input.fill('');
  for (let length = 2; length <= name.length; length++) {
    const sent = page.waitForRequest(isSearch, { timeout: 30_000 }).then(() => Date.now());
    await input.fill(name.slice(0, length));
    const sentAt = await sent;
    // Hits drawn: the list is open and shows options or the "no hits" note of this answer.
    await page.waitForResponse((response) => isSearch(response.request()), { timeout: 30_000 });
    await page.waitForFunction(
      () => {
        const list = document.querySelector('[data-testid="search-results"]') as HTMLElement;
        return list && !list.hidden && list.children.length > 0;
      },
      undefined,
      { timeout: 30_000 },
    );
    times.push(Date.now() - sentAt);
  }
  return times;
}

async function main(): Promise<void> {
  console.log(`settings ${JSON.stringify(settings)}`);
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  await withServedScale(settings.scale, async (ours) => {
    let browser: TestBrowser | undefined;
    try {
      const origin = new URL(ours.url).origin;
      // City names spread over the networks: what a user would look for.
      const { cities } = (await graphql(ours.url, '{ cities { name } }', {})) as {
        cities: Array<{ name: string }>;
      };
      const step = Math.max(1, Math.floor(cities.length / settings.names));
      const names = cities.filter((_, i) => i % step === 0).slice(0, settings.names);

      browser = await launchBrowser();
      const page = await browser.newPage({ width: 1366, height: 900 });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/`);
      await settled(page);
      const cold = await firstView(page);
      console.log(`first view, cold: ${cold.phases}`);
      const reloads = [];
      for (let i = 0; i < settings.reloads; i++) {
        await page.reload();
        await settled(page);
        const view = await firstView(page);
        console.log(`first view, warm (reload ${i + 1}): ${view.phases}`);
        reloads.push(view);
      }
      const warm = [...reloads].sort((a, b) => a.ms - b.ms)[Math.floor(reloads.length / 2)]!;

      const times: number[] = [];
      for (const { name } of names) times.push(...(await searchAsYouType(page, name)));
      times.sort((a, b) => a - b);
      // Opening a hit draws its neighbourhood too: still within the cap.
      await page.getByTestId('search-input').fill(names[0]?.name ?? '');
      await page.getByTestId('search-input').press('Enter');
      await settled(page);
      const afterHit = (await firstView(page)).nodes;
      const { nodeCap } = (await (await fetch(`${origin}/explorer-config.json`)).json()) as {
        nodeCap: number | null;
      };
      const cap = nodeCap ?? DEFAULT_NODE_CAP;
      // What the page said last (an API error, a truncated neighbourhood, the cap).
      const status = await page.getByTestId('status').textContent();
      const mostDrawn = Math.max(cold.nodes, ...reloads.map((view) => view.nodes), afterHit);
      console.log(
        [
          '',
          `| scale | first view cold ms | first view warm ms (median of ${reloads.length}) | nodes drawn (cap) | edges drawn | searches | search p50 ms | search p90 ms |`,
          '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          `| ${settings.scale} | ${cold.ms} | ${warm.ms} | ${warm.nodes} (${cap}) | ${warm.edges} | ` +
            `${times.length} | ${percentile(times, 50)} | ${percentile(times, 90)} |`,
          '',
          `Goals: first view ≤ 2000 ms (${warm.ms <= 2000 ? 'met' : 'NOT met'}), ` +
            `search p50 ≤ 100 ms (${percentile(times, 50) <= 100 ? 'met' : 'NOT met'}), ` +
            `at most ${cap} nodes drawn (${mostDrawn <= cap ? 'met' : 'NOT met'}: ${mostDrawn} at most, ` +
            `after a hit opened ${afterHit}).` +
            (errors.length ? ` Page errors: ${errors.join('; ')}` : '') +
            (status ? ` Status line: ${status}` : ''),
        ].join('\n'),
      );
    } finally {
      await browser?.close();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
