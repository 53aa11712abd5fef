/**
 * End-to-end: stating "small counts blanked below 10" in the import preview (issue 14, method 1). A SYNTHETIC LSOA file
 * for Castle's 9 LSOAs (real ONS codes, invented numbers): 2 counts blank, each LSOA 200 residents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findAssetsDir } from '../../backend/paths.ts';
import { mapIdle, startHarness, type Harness } from './helpers.ts';

const CASTLE = 'E05013246';
let h: Harness;
let page: Page;
const dialog = () => page.getByTestId('import-dialog');
const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 100 });

function castleLsoas(): string[] {
  const text = readFileSync(path.join(findAssetsDir(), 'lookups', 'lsoa21_ward.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[1] === CASTLE)
    .map((f) => f[0]!)
    .sort();
}

describe('import preview: small counts blanked below a threshold (built renderer, Chromium)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-suppressed-e2e-');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('choosing "Below 10" turns the missing ward into a range and says so in plain words', async () => {
    const nums = ['', '', '10', '15', '20', '25', '30', '35', '40'];
    const rows = castleLsoas().map((code, j) => `${code},synthetic_e2e_blanked,Blanked counts test (synthetic),2019,${nums[j]},200,% of children`);
    expect(rows).toHaveLength(9);
    const text = `area_code,indicator_id,indicator_name,period,numerator,denominator,unit\n${rows.join('\n')}\n`;
    await page.evaluate(
      ({ text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'blanked-synthetic.csv', { type: 'text/csv' }));
        const target = document.querySelector('.map-area') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { text },
    );
    await dialog().getByTestId('import-summary').waitFor({ timeout: 60_000 });
    await poll(() => dialog().locator('.footer-status', { hasText: 'Checking' }).count()).toBe(0);
    // Not stated: the ward is missing (a warning).
    await poll(async () => (await dialog().textContent()) ?? '').toMatch(/stored as missing because one of their small areas is missing or suppressed/);
    const select = dialog().getByLabel('Small counts blanked below (optional)');
    expect(await select.inputValue()).toBe('');
    await select.selectOption('10');
    await poll(async () => (await dialog().getByTestId('import-notes').textContent()) ?? '').toContain(
      '2 values were suppressed by the publisher (below 10); each is counted as 0 to 9 when small areas are added up into wards and councils',
    );
    // Castle is no longer missing (West still is: the file has none of its other LSOAs).
    expect(await dialog().textContent()).toContain("1 ward or council value is stored as missing because one of its small areas is missing or suppressed (e.g. 'synthetic_e2e_blanked', E06000062");
    await dialog().getByRole('button', { name: /^Import( anyway)?$/ }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    const castle = h.backend.db.prepare('SELECT numerator, numerator_upper, denominator FROM value WHERE indicator_id = ? AND area_code = ?').get('synthetic_e2e_blanked', CASTLE);
    // Lower = 10+15+20+25+30+35+40 = 175; upper = 175 + 2 x 9 = 193; denominator 9 x 200 = 1800.
    expect(castle).toEqual({ numerator: 175, numerator_upper: 193, denominator: 1800 });
  });
});
