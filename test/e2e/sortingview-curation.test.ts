import { createZoneClient, storeBytes } from '@figurl/sdk';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInkPixels, type FigurlStack, launchChromium, startFigurlStack } from '../support/figurl-stack.js';
import { type GitHubStandIn, startGitHubStandIn } from '../support/github-stand-in.js';
import { signInWithToken } from '../support/sign-in.js';

/**
 * Collaborative curation end to end: two people, each signed in with GitHub in their own
 * browser context, curate one zone curation document through the sortingview plugin. Each sees
 * the other's labels and merges without reloading, every action is recorded with its author, and
 * both pages end with the zone's state.
 */

const unitIds = [1, 2, 3, 4, 5, 6];
const demoLabel = 'Demo · Spike sorting curation (synthetic ground truth)';
/** Drawn views measured 5,400+ ink pixels, a box with only a message about 2,700 (sortingview.test.ts). */
const inkThreshold = 4_000;

async function storeJson(stack: FigurlStack, value: unknown): Promise<string> {
  const zone = createZoneClient({ baseUrl: stack.zoneUrl, fetch });
  return `sha1://${(await storeBytes(zone, new TextEncoder().encode(JSON.stringify(value)))).sha1}`;
}

/** A Mountain layout with a units table and the curation control, as sortingview writes one. */
async function storeCurationFigure(stack: FigurlStack): Promise<string> {
  const table = {
    type: 'UnitsTable',
    columns: [{ key: 'numEvents', label: 'Num. events', dtype: 'int' }],
    rows: unitIds.map((unitId) => ({ unitId, values: { numEvents: 100 * unitId } })),
  };
  const views = [
    { type: 'UnitsTable', viewId: '0', dataUri: await storeJson(stack, table) },
    { type: 'SortingCuration2', viewId: '1', dataUri: await storeJson(stack, { type: 'SortingCuration2' }) },
  ];
  return storeJson(stack, {
    type: 'MainLayout',
    layout: {
      type: 'Mountain',
      items: [
        { type: 'View', viewId: '0' },
        { type: 'View', viewId: '1' },
      ],
      itemProperties: [{ label: 'Units table' }, { label: 'Curation', isControl: true, controlHeight: 520 }],
    },
    views,
  });
}

describe('two people curating one zone document (figurl up, headless Chromium)', () => {
  let gh: GitHubStandIn;
  let stack: FigurlStack;
  let browser: Browser;
  const people: Record<'alice' | 'bob', { context: BrowserContext; page: Page; frame: Frame }> = {} as never;
  let figureUrl: string;

  /** Signs `context` in as `login` through the shell's own page, with a personal access token. */
  const signIn = async (context: BrowserContext, token: string, login: string) => {
    const { answer } = await signInWithToken(context, stack.shellUrl, token);
    expect(answer).toEqual({ status: 200, body: { login } });
  };

  const pluginFrame = async (page: Page): Promise<Frame> => {
    for (let i = 0; i < 300; i++) {
      const frame = page.frames().find((f) => f.url().includes('/plugins/sortingview/') && !f.isDetached());
      if (frame !== undefined) return frame;
      await page.waitForTimeout(50);
    }
    throw new Error(`no sortingview frame in ${page.url()}`);
  };

  const open = async (who: 'alice' | 'bob', url: string) => {
    const { context } = people[who];
    const page = await context.newPage();
    await page.goto(url);
    const frame = await pluginFrame(page);
    await frame.locator('tr.sv-row').first().waitFor({ timeout: 30_000 });
    people[who].page = page;
    people[who].frame = frame;
  };

  /** The labels column of the table, unit by unit, as a person sees it. */
  const labelsSeenBy = (who: 'alice' | 'bob') =>
    people[who].frame
      .locator('tr.sv-row')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((row) => [
            row.children[1]?.textContent?.replace(/⊕.*/, '').trim(),
            row.querySelector('.sv-labels')?.textContent ?? '',
          ]),
        ),
      );

  const shownJson = async (who: 'alice' | 'bob') => {
    const { frame } = people[who];
    if ((await frame.locator('textarea.sv-json').count()) === 0)
      await frame.getByRole('button', { name: 'Show JSON' }).click();
    return JSON.parse(await frame.locator('textarea.sv-json').inputValue());
  };

  /** Milliseconds until `check` holds (polled every 20 ms), failing after `timeoutMs`. */
  const timeUntil = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - start;
  };

  beforeAll(async () => {
    gh = await startGitHubStandIn();
    gh.addUser({ login: 'alice' });
    gh.addUser({ login: 'bob' });
    gh.createRepo({ owner: 'alice', name: 'sorting-curations', collaborators: ['bob'] });
    [stack, browser] = await Promise.all([
      startFigurlStack({ env: { GITHUB_API_URL: gh.url, GITHUB_URL: gh.url } }),
      launchChromium(),
    ]);
    for (const login of ['alice', 'bob'] as const) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      await signIn(context, gh.issueToken(login, ['repo']), login);
      people[login] = { context } as never;
    }
    const d = await storeCurationFigure(stack);
    figureUrl = `${stack.shellUrl}/f?v=sortingview&d=${encodeURIComponent(d)}&label=curation`;
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await gh?.close();
  });

  it('alice puts her curation in the zone; the figURL now names the live document', async () => {
    await open('alice', figureUrl);
    const { frame, page } = people.alice;
    await frame.locator('tr.sv-row').nth(0).click();
    await frame.getByLabel('accept').click();
    await frame.getByRole('button', { name: 'Save to zone (live)' }).click();
    await frame.getByText(/^Live: curation:\/\/[a-z]{12}/).waitFor({ timeout: 15_000 });
    await page.waitForURL(/sortingCuration.*curation/, { timeout: 10_000 });
    const s = JSON.parse(new URL(page.url()).searchParams.get('s') ?? '{}');
    expect(s.sortingCuration).toMatch(/^curation:\/\/[a-z]{12}$/);
    figureUrl = page.url();
  });

  it("bob opens alice's link and sees her label; each sees the other's edits within a second", async () => {
    await open('bob', figureUrl);
    await timeUntil(async () => (await labelsSeenBy('bob'))['1'] === 'accept');

    // Bob labels units 2 and 3 noise; Alice's table shows it without a reload.
    const bob = people.bob.frame;
    await bob.locator('tr.sv-row').nth(1).click();
    await bob
      .locator('tr.sv-row')
      .nth(2)
      .click({ modifiers: ['Control'] });
    await bob.getByLabel('noise').click();
    const toAlice = await timeUntil(async () => {
      const seen = await labelsSeenBy('alice');
      return seen['2'] === 'noise' && seen['3'] === 'noise';
    });
    expect(toAlice).toBeLessThan(1000);

    // Alice merges 4 and 5; Bob sees the merge badge.
    const alice = people.alice.frame;
    await alice.locator('tr.sv-row').nth(3).click();
    await alice
      .locator('tr.sv-row')
      .nth(4)
      .click({ modifiers: ['Control'] });
    await alice.getByRole('button', { name: /^Merge selected units/ }).click();
    const toBob = await timeUntil(async () => (await bob.locator('.sv-merge-badge').count()) === 2);
    expect(toBob).toBeLessThan(1000);
  });

  it('converges when both act at once, and every action is attributed', async () => {
    const alice = people.alice.frame;
    const bob = people.bob.frame;
    // At the same moment: Alice toggles "mua" (the fifth label) on unit 6 with Shift+5, Bob
    // labels unit 6 "reject".
    await alice.locator('tr.sv-row').nth(5).click();
    await bob.locator('tr.sv-row').nth(5).click();
    await Promise.all([people.alice.page.keyboard.press('Shift+Digit5'), bob.getByLabel('reject').click()]);
    const expected = {
      isClosed: false,
      labelsByUnit: { '1': ['accept'], '2': ['noise'], '3': ['noise'], '6': ['mua', 'reject'] },
      mergeGroups: [['4', '5']],
    };
    await expect
      .poll(async () => [await shownJson('alice'), await shownJson('bob')], { timeout: 10_000, interval: 50 })
      .toEqual([expected, expected]);

    // The zone holds the same state, and its log names who did what.
    const curationId = /curation:\/\/([a-z]{12})/.exec(decodeURIComponent(figureUrl))?.[1] as string;
    const doc = (await (await fetch(`${stack.zoneUrl}/api/v1/curations/${curationId}`)).json()) as {
      version: number;
      state: unknown;
    };
    expect(doc.state).toEqual({
      isClosed: false,
      labelsByUnit: expected.labelsByUnit,
      mergeGroups: [[4, 5]],
    });
    const log = (await (await fetch(`${stack.zoneUrl}/api/v1/feeds/${curationId}/messages?from=0`)).json()) as {
      messages: Array<{ author: string; message: { type: string } }>;
    };
    expect(log.messages.map((m) => `${m.author} ${m.message.type}`)).toEqual([
      'alice SET_CURATION',
      'bob ADD_UNIT_LABEL',
      'alice MERGE_UNITS',
      ...(log.messages.at(-2)?.author === 'alice'
        ? ['alice TOGGLE_UNIT_LABEL', 'bob ADD_UNIT_LABEL']
        : ['bob ADD_UNIT_LABEL', 'alice TOGGLE_UNIT_LABEL']),
    ]);
    expect(doc.version).toBe(log.messages.length);
    // Each page's history panel shows the other person's actions by name.
    await people.alice.frame.getByText('History').click();
    await expect.poll(() => people.alice.frame.locator('.sv-history li b').allTextContents()).toContain('bob');
  });

  it('saves the curation to a GitHub file as the signed-in user, and a reopened figURL loads it from there', async () => {
    const { frame, page } = people.bob;
    const target = 'gh://alice/sorting-curations/main/session1/curation.json';
    await frame.getByLabel('GitHub URI to save to').fill(target);
    await frame.getByLabel('Append user ID').check();
    await frame.getByRole('button', { name: 'Save to GitHub as…' }).click();
    // The shell asks before it commits on the user's behalf.
    await page.locator('[data-figurl-consent-allow]').click();
    await frame
      .getByText('Committed to gh://alice/sorting-curations/main/session1/curation_bob.json')
      .waitFor({ timeout: 15_000 });
    const committed = gh.getFile('alice/sorting-curations', 'main', 'session1/curation_bob.json').toString('utf8');
    expect(JSON.parse(committed)).toEqual(await shownJson('bob'));
    expect(gh.commits('alice/sorting-curations', 'main').at(-1)?.message).toBe('Set session1/curation_bob.json');
    await page.waitForURL(/curation_bob/, { timeout: 10_000 });

    // Alice opens Bob's link: the curation comes from the GitHub file.
    await open('alice', page.url());
    await people.alice.frame
      .getByText('URI: gh://alice/sorting-curations/main/session1/curation_bob.json')
      .waitFor({ timeout: 15_000 });
    expect(await shownJson('alice')).toEqual(JSON.parse(committed));
  });
});

describe('the spike sorting demo of figurl up, end to end (headless Chromium, signed out)', () => {
  let stack: FigurlStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startFigurlStack(), launchChromium()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('inspects the views, labels and merges the near-duplicate units, saves a snapshot and a live zone document', async () => {
    const url = stack.demos.get(demoLabel);
    expect(url, stack.output()).toBeDefined();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(url as string);
    let frame: Frame | undefined;
    for (let i = 0; i < 300 && frame === undefined; i++) {
      frame = page.frames().find((f) => f.url().includes('/plugins/sortingview/'));
      if (frame === undefined) await page.waitForTimeout(50);
    }
    if (frame === undefined) throw new Error('no sortingview frame');
    const plugin = frame;

    // Inspect: each launcher opens its view, which draws (and shows no error).
    await plugin.locator('.sv-launch').first().waitFor({ timeout: 30_000 });
    const launchers = await plugin.locator('.sv-launch').allTextContents();
    expect(launchers).toEqual(
      expect.arrayContaining(['Units table', 'Raster plot', 'Cross correlograms', 'Unit similarity matrix']),
    );
    for (const name of launchers) {
      await plugin.locator('.sv-launch', { hasText: name }).click();
      const tab = plugin.locator(`[role=tabpanel][aria-label="${name}"]`);
      await tab.locator('.sv-view').waitFor({ timeout: 30_000 });
      expect(await tab.locator('.figurl-status-error').count(), name).toBe(0);
      // Canvases paint a moment after the view mounts (the raster in its worker).
      await expect
        .poll(async () => countInkPixels(await tab.locator('.sv-view').screenshot()), {
          timeout: 15_000,
          message: name,
        })
        .toBeGreaterThan(inkThreshold);
    }

    // Label unit 1 "accept", then merge 3 and 4 (one neuron split in two by the demo's sorter).
    await plugin.locator('.sv-launch', { hasText: 'Units table' }).click();
    const row = (unit: number) => plugin.locator(`tr.sv-row[data-unit-id="${unit}"]`);
    await row(1).click();
    await plugin.getByLabel('accept').click();
    await row(3).click();
    await row(4).click({ modifiers: ['Control'] });
    await plugin.getByRole('button', { name: 'Merge selected units: 3, 4' }).click();
    await expect.poll(() => plugin.locator('.sv-merge-badge').count()).toBe(2);

    // Save as snapshot: the shell asks first; the figURL then names the stored curation.
    await plugin.getByRole('button', { name: 'Save as snapshot (sha1://)' }).click();
    await page.locator('[data-figurl-consent-allow]').click();
    await page.waitForURL(/sortingCuration/, { timeout: 15_000 });
    await expect
      .poll(() => new URL(page.url()).searchParams.get('s') ?? '', { timeout: 15_000 })
      .not.toContain('ed762e57');
    const snapshot = JSON.parse(new URL(page.url()).searchParams.get('s') ?? '{}').sortingCuration as string;
    expect(snapshot).toMatch(/^sha1:\/\/[0-9a-f]{40}$/);
    const stored = await (await fetch(`${stack.zoneUrl}/sha1/${snapshot.slice(7)}`)).text();
    expect(stored).toBe('{"isClosed":false,"labelsByUnit":{"1":["accept"]},"mergeGroups":[["3","4"]]}');

    // Save to the zone: a live document holding the same curation.
    await plugin.getByRole('button', { name: 'Save to zone (live)' }).click();
    await page.waitForURL(/curation%3A|curation:/, { timeout: 15_000 });
    const live = JSON.parse(new URL(page.url()).searchParams.get('s') ?? '{}').sortingCuration as string;
    const curationId = /^curation:\/\/([a-z]{12})$/.exec(live)?.[1];
    expect(curationId, live).toBeDefined();
    const doc = (await (await fetch(`${stack.zoneUrl}/api/v1/curations/${curationId}`)).json()) as { state: unknown };
    expect(doc.state).toEqual({ isClosed: false, labelsByUnit: { '1': ['accept'] }, mergeGroups: [['3', '4']] });

    // Reopening the figURL loads the live document.
    const again = await context.newPage();
    await again.goto(page.url());
    const reopened =
      again.frames().find((f) => f.url().includes('/plugins/sortingview/')) ??
      (await again.waitForEvent('frameattached'));
    await reopened.getByText(`Live: ${live}`).waitFor({ timeout: 30_000 });
    await context.close();
  });
});
