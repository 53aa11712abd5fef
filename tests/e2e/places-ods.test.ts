/**
 * End-to-end (issue 15): replacing the built-in GP practices and pharmacies with a newer NHS ODS extract in the Places
 * tab, and bringing the built-in list back. The ODS extract and the postcode lookup are SYNTHETIC, in the real layout
 * (tests/fixtures/places/README.md): 4 epraccur rows, one INACTIVE, 3 postcodes found in the lookup.
 *
 *   npm run build:renderer && npx vitest run -c vitest.e2e.config.ts tests/e2e/places-ods.test.ts
 *
 * Screenshots in test-results/: places-ods-check.png (the check with the postcode lookup and the replace option) and
 * places-ods-restore.png (the built-in list hidden, with the button to bring it back).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const FIXTURES = path.resolve('tests/fixtures/places');
const EPRACCUR = path.join(FIXTURES, 'ods-epraccur-synthetic.csv');
const POSTCODES = path.join(FIXTURES, 'ods-postcodes-synthetic.csv');
const BUILTIN_ROWS = readFileSync(path.resolve('assets/places/builtin_places.csv'), 'utf8').trim().split('\n').length - 1;

let h: Harness;
let page: Page;
const dialog = () => page.getByTestId('places-import-dialog');
const builtinLists = () => h.backend.db.prepare(`SELECT COUNT(*) AS n FROM place_list WHERE builtin = 1`).get() as { n: number };

describe('Replacing the built-in places with an ODS extract, and bringing them back (Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-places-ods-e2e-');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an ODS extract without coordinates: the check asks for a postcode lookup; with it, 3 GP practices and the closed one named', async () => {
    await page.getByRole('tab', { name: 'Places' }).click();
    await page.getByTestId('places-panel').waitFor();
    expect(await page.getByTestId('places-builtin-restore').count()).toBe(0); // the built-in list is shown
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import places…' }).click()]);
    await chooser.setFiles(EPRACCUR);
    await dialog().getByTestId('places-import-errors').waitFor({ timeout: 60_000 });
    expect(await dialog().getByTestId('places-import-errors').textContent()).toMatch(/postcode lookup file/);
    const [pc] = await Promise.all([page.waitForEvent('filechooser'), dialog().getByRole('button', { name: 'Choose a postcode lookup file…' }).click()]);
    await pc.setFiles(POSTCODES);
    await expect.poll(async () => dialog().getByTestId('places-import-count').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await dialog().getByText('Using ods-postcodes-synthetic.csv').isVisible()).toBe(true);
    const warnings = (await dialog().getByTestId('places-import-warnings').textContent()) ?? '';
    expect(warnings).toMatch(/row 3.*INACTIVE.*SYNTHETIC CLOSED PRACTICE/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'places-ods-check.png') });

    await dialog().getByLabel(/Use this list instead of the built-in GP practices/).check();
    await dialog().getByRole('button', { name: 'Import 3 places' }).click();
    const done = dialog().getByTestId('places-import-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/It replaces the built-in GP practices and pharmacies/);
    expect(builtinLists().n).toBe(0);
    await dialog().getByRole('button', { name: 'Done' }).click();
  });

  it('the Places tab offers to bring the built-in list back, and does', async () => {
    const restore = page.getByTestId('places-builtin-restore');
    await restore.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'places-ods-restore.png') });
    await page.getByRole('button', { name: 'Bring back the built-in list' }).click();
    await restore.waitFor({ state: 'detached', timeout: 30_000 });
    expect(builtinLists().n).toBe(1);
    const n = h.backend.db.prepare(`SELECT COUNT(*) AS n FROM place p JOIN place_list l ON l.id = p.list_id WHERE l.builtin = 1`).get() as { n: number };
    expect(n.n).toBe(BUILTIN_ROWS);
    // The user's ODS list stays.
    expect((await h.backend.handlers['places.lists']({})).map((l) => l.count).sort((a, b) => a - b)).toEqual([3, BUILTIN_ROWS]);
  });
});
