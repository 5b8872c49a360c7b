/**
 * The GraphQL IDE at /graphiql in headless Chromium against the real API server over the
 * real Neo4j with the report's graph loaded: it loads nothing from outside this server,
 * opens with one tab per client contract operation, runs `Cities` from the run button and,
 * with an API key pasted into the headers editor, a curation mutation. The screenshot goes
 * to test-artifacts/screenshots/graphiql.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { contractOperations } from '../support/contract';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..', '..');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The variables or headers editor, whichever is shown. */
const EDITOR_TOOL = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';

let api: TestApi;
let browser: TestBrowser;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

/** The text of the CodeMirror editor inside `selector` (its whole value, not only what is drawn). */
async function editorText(selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const wrapper = document.querySelector(`${sel} .CodeMirror`) as
      (Element & { CodeMirror?: { getValue(): string } }) | null;
    if (!wrapper?.CodeMirror) throw new Error(`no CodeMirror editor in ${sel}`);
    return wrapper.CodeMirror.getValue();
  }, selector);
}

/** Clicks the run button and waits for the result pane to hold a JSON response. */
async function run(): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  await page.evaluate(() => {
    const wrapper = document.querySelector('.result-window .CodeMirror') as Element & {
      CodeMirror: { setValue(text: string): void };
    };
    wrapper.CodeMirror.setValue('');
  });
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  await page.waitForFunction(() => {
    const wrapper = document.querySelector('.result-window .CodeMirror') as Element & {
      CodeMirror: { getValue(): string };
    };
    return wrapper.CodeMirror.getValue().trim().startsWith('{');
  });
  return JSON.parse(await editorText('.result-window'));
}

async function openTab(name: string): Promise<void> {
  await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${name}$`) }).click();
  await page
    .locator('.graphiql-tab-active .graphiql-tab-button', { hasText: new RegExp(`^${name}$`) })
    .waitFor();
  // GraphiQL re-reads the operations (and so the operation name it sends) 100 ms after the
  // query editor changes: a click on run sooner would send the previous tab's name.
  await page.waitForTimeout(400);
}

beforeAll(async () => {
  // Built before the server starts: it serves /graphiql only when graphiql/dist exists.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-graphiql.mjs'), '--quiet'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  api = await startTestApi();
  browser = await launchBrowser();
  page = await browser.newPage({ width: 1366, height: 900 });
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('GraphQL IDE at /graphiql', () => {
  test('opens with one tab per contract operation, all from this server', async () => {
    const bundle = fs.statSync(path.join(ROOT, 'graphiql/dist/graphiql.js')).size;
    expect(bundle).toBeLessThan(1600 * 1024);

    await page.goto(`${api.url}/graphiql`);
    const names = [...contractOperations().keys()];
    await page
      .locator('.graphiql-tab')
      .nth(names.length - 1)
      .waitFor();
    const titles = await page.locator('.graphiql-tab-button').allTextContents();
    expect(titles).toEqual(names);
    // The schema has been fetched (introspection over /graphql): the docs know Query.
    await page.waitForFunction(() => document.querySelector('.graphiql-spinner') === null);

    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === 'data:' || protocol === 'blob:') return false;
      return !LOCAL_HOSTS.has(hostname);
    });
    expect(foreign).toEqual([]);
    expect(requests.some((url) => url.endsWith('/graphiql/graphiql.js'))).toBe(true);
  });

  test('runs Cities from the run button and shows Leipzig', async () => {
    await openTab('Cities');
    expect(await editorText('.graphiql-query-editor')).toContain('query Cities');
    const response = await run();
    expect(response.errors).toBeUndefined();
    const cities = response.data!.cities as Array<{ name: string }>;
    expect(cities.map((c) => c.name)).toContain('Leipzig');
    // …and the drawn result pane says so too, not only the editor's model.
    await page.locator('.result-window').getByText('"Leipzig"').first().scrollIntoViewIfNeeded();
    await expect(page.locator('.result-window').textContent()).resolves.toContain('Leipzig');
    await screenshot(page, 'graphiql');
  });

  test('opens each example with its variables, and mutations with an API-key note', async () => {
    await openTab('Search');
    expect(JSON.parse(await editorText(EDITOR_TOOL))).toEqual({
      text: 'Sala Dogana',
      first: 5,
    });
    const search = await run();
    expect(search.errors).toBeUndefined();
    expect((search.data!.search as unknown[]).length).toBeGreaterThan(0);

    await openTab('RecordMeeting');
    expect(await editorText('.graphiql-query-editor')).toMatch(/^# .*API key/);
  });

  test('sends an API key pasted into the headers editor', async () => {
    await openTab('AssignLead');
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    expect(JSON.parse(await editorText(EDITOR_TOOL))).toEqual({ Authorization: 'Bearer <key>' });

    // Without a real key the mutation is refused.
    const refused = await run();
    expect(refused.errors).toBeDefined();

    // Paste a real key over the template, as a user would.
    await page.locator(`${EDITOR_TOOL} .CodeMirror`).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(`{"Authorization": "Bearer ${TEST_API_KEY}"}`);
    const response = await run();
    expect(response.errors).toBeUndefined();
    expect(response.data!.assignLead).toMatchObject({
      id: 'action/sala-dogana-exhibition',
      leads: expect.arrayContaining([{ id: 'city/genoa' }]),
    });
  });

  test('logs no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
