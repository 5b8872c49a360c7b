/**
 * Neo4j Browser of the test run's embedded Neo4j, opened in headless Chromium at the address
 * the launcher prints: it connects by itself (no authentication preselected), loads the
 * project's style and guide on connect (browser.post_connect_cmd), runs a ready query from the
 * guide and draws its nodes in the colours of cypher/browser-style.grass, and no request of the
 * page leaves this machine. The screenshot goes to test-artifacts/screenshots/neo4j-browser.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createDatabase } from '../../src/db/database';
import { parseExamples } from '../../src/neo4j/browser-assets';
import { resetGraph } from '../support/api-server';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { neo4jTestEnv } from '../support/neo4j-env';

jest.setTimeout(180_000);

const CYPHER_DIR = path.join(__dirname, '..', '..', 'cypher');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The printed address; unknown when the tests run against a NEO4J_URI of their own. */
const browserUrl = process.env.NEO4J_BROWSER_URL;
const describeWithBrowser = browserUrl ? describe : describe.skip;

/** The fill colour of each label in the project's style. */
function styleColours(): Map<string, string> {
  const grass = fs.readFileSync(path.join(CYPHER_DIR, 'browser-style.grass'), 'utf8');
  const colours = new Map<string, string>();
  for (const [, label, body] of grass.matchAll(/^node\.(\w+) \{([^}]*)\}/gm)) {
    const colour = /^\s*color: (#[0-9A-Fa-f]{6});/m.exec(body!)?.[1];
    if (colour) colours.set(label!, colour.toUpperCase());
  }
  return colours;
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
};

describeWithBrowser('Neo4j Browser of the embedded Neo4j', () => {
  let browser: TestBrowser;
  let page: Page;
  /** Every request the page made (as Chromium reports them). */
  const requests: string[] = [];
  /** Requests for another host that got as far as the network (stopped here, none should). */
  const leaving: string[] = [];
  /** Requests the page's Content-Security-Policy refused before they were sent. */
  const refusedByPolicy: string[] = [];
  /** What the policy refused, fetches included (they are no request events when refused). */
  const violations: string[] = [];

  beforeAll(async () => {
    const db = createDatabase(neo4jTestEnv());
    try {
      await resetGraph(db);
    } finally {
      await db.close();
    }
    browser = await launchBrowser();
    await browser.context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      leaving.push(url);
      return route.abort('blockedbyclient');
    });
    page = await browser.newPage({ width: 1366, height: 900 });
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText === 'csp') refusedByPolicy.push(request.url());
    });
    await page.exposeFunction('reportPolicyViolation', (uri: string) => violations.push(uri));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportPolicyViolation(uri: string): void }).reportPolicyViolation(
          event.blockedURI,
        ),
      ),
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('connects at the printed address by itself and loads the style and the guide', async () => {
    await page.goto(browserUrl!);
    // The guide opens in the sidebar once Browser is connected and has read the server's
    // settings (browser.post_connect_cmd).
    await page.getByText('Creative Cities Graph: ready queries').waitFor({ timeout: 60_000 });
    const guide = page.locator('pre.runnable');
    const examples = parseExamples(
      fs.readFileSync(path.join(CYPHER_DIR, 'examples.cypher'), 'utf8'),
    );
    await expect(guide.count()).resolves.toBe(examples.length);
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/browser-assets\/browser-style\.grass$/),
        expect.stringMatching(/\/browser-assets\/guide\.html$/),
      ]),
    );
  });

  test("runs a ready query from the guide and draws its nodes in the project's colours", async () => {
    const query = 'MATCH p = (:Entity)-[:LEADS]->(:Action)\nRETURN p';
    await page.locator('pre.runnable', { hasText: query }).locator('i').first().click(); // its ▶
    const circles = page.locator('svg .node circle.b-outline');
    await circles.first().waitFor({ timeout: 60_000 });
    const fills = await circles.evaluateAll((nodes) =>
      nodes.map((node) => (node.getAttribute('fill') ?? '').toUpperCase()),
    );

    // The colour each drawn node must have: the style's colour of its label.
    const colours = styleColours();
    const db = createDatabase(neo4jTestEnv());
    const labelSets = await db
      .read<{ labels: string[] }>(
        `${query.replace('RETURN p', '')} UNWIND nodes(p) AS n RETURN DISTINCT labels(n) AS labels`,
      )
      .finally(() => db.close());
    const expected = new Set(
      labelSets.map(({ labels }) => colours.get(labels.find((label) => colours.has(label))!)),
    );
    expect(expected.size).toBeGreaterThanOrEqual(2); // actions and who leads them
    expect(new Set(fills)).toEqual(expected);
    await screenshot(page, 'neo4j-browser', false);
  });

  test('sends no request to another host', async () => {
    expect(requests.length).toBeGreaterThan(10);
    // Browser 5.24 on Community tries Google Fonts, Segment and canny.io whatever the settings:
    // the launcher's policy makes Chromium refuse each before it is sent…
    expect(refusedByPolicy.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !isLocal(url)).sort()).toEqual([...refusedByPolicy].sort());
    expect(leaving).toEqual([]);
    // …and it refuses nothing on this machine: only other hosts.
    expect(violations.length).toBeGreaterThanOrEqual(refusedByPolicy.length);
    expect(violations.filter((uri) => /^https?:/.test(uri) && isLocal(uri))).toEqual([]);
  });
});
