/**
 * End-to-end: the data import and the Data tab in the built renderer, in Chromium, against the real backend
 * (preview transport), offline. Files are dropped on the window as the browser would deliver them (a DataTransfer
 * holding a File made in the page), read in the page, previewed, imported as a job, listed and deleted.
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts
 *
 * Fixtures (synthetic numbers, real ward codes): tests/fixtures/e2e/. Larger files are generated here.
 * Screenshots: test-results/data-preview.png, data-panel.png and data-wide-mapping.png.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DatasetInfo } from '../../shared/contract/data.ts';
import { listValues } from '../../backend/data/store.ts';
import { installMenuBridge, mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const FIXTURES = path.resolve('tests/fixtures/e2e');
const GOOD = 'test-indicator-synthetic.csv';
const BAD = 'bad-numbers-synthetic.csv';
const WIDE = 'wide-synthetic-2023.csv';
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 100 });

let h: Harness;
let page: Page;
let wardCodes: string[] = [];

const dialog = () => page.getByTestId('import-dialog');
const datasets = () => h.backend.handlers['datasets.list']({});
const userDatasets = async () => (await datasets()).filter((d) => d.kind === 'user');
const indicatorIds = async () => (await h.backend.handlers['indicators.list']({})).map((i) => i.id);
const strip = (list: DatasetInfo[]) => list.map((d) => ({ id: d.id, sha256: d.sha256, valueCount: d.valueCount }));

/** Drops a file on the map, as the browser does when a file is dragged from the desktop. */
async function drop(name: string, text: string, on = '.map-area'): Promise<void> {
  await page.evaluate(
    ({ name, text, on }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      const target = document.querySelector(on) ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      const event = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      // The app must take the drop (else the browser would open the file and leave the app).
      if (!event.defaultPrevented) throw new Error('the drop was not handled by the app');
    },
    { name, text, on },
  );
}

async function waitForPreview(): Promise<void> {
  await dialog().waitFor();
  await dialog().getByTestId('import-summary').waitFor({ timeout: 60_000 });
  await poll(() => dialog().locator('.footer-status', { hasText: 'Checking' }).count()).toBe(0);
}

async function openDataTab(): Promise<void> {
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByTestId('data-panel').waitFor();
  await page.getByTestId('data-panel').locator('[data-testid="dataset"]').first().waitFor();
}

/** Records every state of the progress bar (and clicks Cancel as soon as it shows, when asked). */
async function watchProgress(cancel: boolean): Promise<void> {
  await page.evaluate((cancel) => {
    type Entry = { now: string | null; text: string | null; min: string | null; max: string | null };
    const w = window as unknown as { __progress: Entry[]; __progressObserver?: MutationObserver };
    w.__progressObserver?.disconnect();
    w.__progress = [];
    const look = () => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      if (!bar) return;
      const entry = { now: bar.getAttribute('aria-valuenow'), text: bar.getAttribute('aria-valuetext'), min: bar.getAttribute('aria-valuemin'), max: bar.getAttribute('aria-valuemax') };
      const last = w.__progress[w.__progress.length - 1];
      if (!last || last.now !== entry.now || last.text !== entry.text) w.__progress.push(entry);
      if (cancel) {
        const button = document.querySelector<HTMLButtonElement>('[data-import-cancel]');
        if (button && !button.disabled) button.click();
      }
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'aria-valuetext'] });
    w.__progressObserver = observer;
  }, cancel);
}

async function progressSeen(): Promise<{ now: string | null; text: string | null; min: string | null; max: string | null }[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __progress: { now: string | null; text: string | null; min: string | null; max: string | null }[]; __progressObserver?: MutationObserver };
    w.__progressObserver?.disconnect();
    return w.__progress;
  });
}

async function resultFacts(): Promise<Record<string, string>> {
  return page.getByTestId('import-result').evaluate((dl) =>
    Object.fromEntries([...dl.querySelectorAll('div')].map((d) => [d.querySelector('dt')?.textContent?.trim() ?? '', d.querySelector('dd')?.textContent?.trim() ?? ''])),
  );
}

/** A tidy file of `rows` synthetic rows over the 57 wards. */
function bigTidy(rows: number, prefix: string): string {
  const lines = ['area_code,indicator_id,indicator_name,period,numerator,denominator,unit'];
  for (let i = 0; i < rows; i++) {
    const ind = Math.floor(i / (57 * 100));
    lines.push(`${wardCodes[i % 57]},${prefix}_${ind},Big test indicator ${ind} (synthetic),${1900 + (Math.floor(i / 57) % 100)},${10 + (i % 50)},${1000 + (i % 300)},% of residents`);
  }
  return `${lines.join('\n')}\n`;
}

describe('data import and the Data tab (built renderer, preview transport, Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-data-e2e-');
    wardCodes = (await h.backend.handlers['wards.list']({})).map((w) => w.code).sort();
    expect(wardCodes).toHaveLength(57);
    ({ page } = await h.openPage());
    await mapIdle(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists every bundled source with its licence, and says there is no imported data yet', async () => {
    await openDataTab();
    const bundled = (await datasets()).filter((d) => d.kind === 'bundled');
    expect(bundled.length).toBeGreaterThan(0);
    const cards = page.getByTestId('data-panel').locator('[data-testid="dataset"][data-kind="bundled"]');
    await poll(() => cards.count()).toBe(bundled.length);
    for (const d of bundled) {
      expect(d.licence).toBe('Open Government Licence v3.0');
      const card = page.locator(`[data-testid="dataset"][data-dataset-id="${d.id}"]`);
      expect(await card.locator('.dataset-name').textContent()).toContain(d.name);
      expect(await card.getByTestId('dataset-licence').textContent()).toBe('Open Government Licence v3.0');
      expect(await card.getByTestId('dataset-size').textContent()).toBe(
        `${d.indicatorIds.length} indicator${d.indicatorIds.length === 1 ? '' : 's'}, ${d.valueCount.toLocaleString('en-GB')} value${d.valueCount === 1 ? '' : 's'}`,
      );
      // Bundled data ships with the app: no Delete button, and a note saying why.
      expect(await card.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
      expect(await card.locator('.dataset-note').textContent()).toBe('Ships with LAP Insight, so it cannot be deleted.');
    }
    expect(await page.getByTestId('data-panel').locator('.data-bundled-note').textContent()).toContain('all published under the Open Government Licence v3.0');
    expect(await page.getByTestId('data-empty').textContent()).toContain('No imported data yet.');
  });

  it('File > Import data… opens the Data tab and asks for a file', async () => {
    // The Electron menu sends 'menu:import-data' through window.lap.onMenu; here a stand-in bridge receives it.
    const context = await h.newContext();
    await installMenuBridge(context);
    const other = await context.newPage();
    other.on('console', (msg) => {
      if (msg.type() === 'error') h.log.consoleErrors.push(msg.text());
    });
    other.on('pageerror', (err) => h.log.consoleErrors.push(`pageerror: ${err.message}`));
    await other.goto(h.server.openUrl);
    await other.getByRole('tab', { name: 'Wards' }).waitFor();
    const menu = (action: string) => other.evaluate((a) => (window as unknown as { __menu: (a: string) => void }).__menu(a), action);
    // Help > Data sources and licences opens the Data tab.
    await other.getByRole('tab', { name: 'Wards' }).click();
    await menu('menu:sources');
    await poll(() => other.getByRole('tab', { name: 'Data' }).getAttribute('aria-selected')).toBe('true');
    await other.getByRole('tab', { name: 'Wards' }).click();
    // Help > Bringing your own data: the file step with its guide unfolded (the tidy format, Fingertips levels).
    await menu('menu:import-guide');
    const guide = other.getByTestId('import-guide');
    await guide.waitFor();
    expect(await guide.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    expect(await guide.textContent()).toContain('area_code,indicator_id,indicator_name,period,numerator,denominator,unit');
    expect(await guide.textContent()).toContain('GP practice and PCN values belong to practices, not wards');
    await other.keyboard.press('Escape');
    await other.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await menu('menu:import-data');
    const chooser = other.getByTestId('import-dialog');
    await chooser.waitFor();
    expect(await chooser.getByRole('heading', { level: 2 }).textContent()).toBe('Import data');
    // From File > Import data… the guide is there, folded.
    expect(await chooser.getByTestId('import-guide').evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    expect(await other.getByRole('tab', { name: 'Data' }).getAttribute('aria-selected')).toBe('true');
    await chooser.getByLabel('CSV file').setInputFiles({ name: BAD, mimeType: 'text/csv', buffer: Buffer.from(fixture(BAD)) });
    await chooser.getByTestId('import-errors').waitFor({ timeout: 60_000 });
    expect(await chooser.getByTestId('import-errors').locator('.problem').count()).toBe(2);
    await other.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    await context.close();
  });

  it('shows a full-window drop zone while a file is dragged over the window', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'x.csv', { type: 'text/csv' }));
      document.querySelector('.map-area')!.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const overlay = page.getByTestId('drop-overlay');
    await overlay.waitFor();
    expect(await overlay.textContent()).toContain('Drop a CSV file to import it');
    const box = await overlay.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'x.csv', { type: 'text/csv' }));
      document.querySelector('.map-area')!.dispatchEvent(new DragEvent('dragleave', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await overlay.waitFor({ state: 'detached' });
  });

  it('imports a small tidy CSV dropped on the window: preview, progress, summary, the list and the indicator', async () => {
    const before = await userDatasets();
    expect(before).toEqual([]);
    await drop(GOOD, fixture(GOOD));
    await waitForPreview();
    // The preview: format, encoding and delimiter as detected, the first rows with each column's role, the plan.
    expect(await dialog().getByRole('heading', { level: 2 }).textContent()).toBe(`Import ${GOOD}`);
    expect(await dialog().getByTestId('import-summary').textContent()).toContain('Tidy file (UTF-8, comma-separated): 57 rows for 1 indicator and 57 areas.');
    expect(await dialog().getByLabel('Layout').inputValue()).toBe('tidy');
    expect(await dialog().getByLabel('Layout').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Tidy (one value per row) (detected)');
    expect(await dialog().getByLabel('Text encoding').inputValue()).toBe('utf-8');
    expect(await dialog().getByLabel('Columns separated by').inputValue()).toBe(',');
    const table = dialog().getByTestId('import-first-rows');
    expect(await table.locator('tbody tr').count()).toBe(10);
    expect(await table.locator('thead th').first().textContent()).toBe('area_codearea code');
    expect(await table.locator('tbody tr').first().textContent()).toContain('E05013213');
    expect(await dialog().getByTestId('import-indicators').textContent()).toContain('Test indicator (synthetic)');
    expect(await dialog().getByTestId('import-problems').textContent()).toContain('No problems found');
    await dialog().screenshot({ path: path.join(RESULTS_DIR, 'data-preview.png') });

    await watchProgress(false);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    const seen = await progressSeen();
    expect(seen.length, 'the progress bar was shown').toBeGreaterThan(0);
    expect(seen.every((e) => e.min === '0' && e.max === '100' && e.now !== null && /: \d+ of 57 rows read · \d+% done$/.test(e.text ?? ''))).toBe(true);

    expect(await dialog().getByTestId('import-outcome').textContent()).toBe(`Imported ${GOOD}.`);
    expect(await resultFacts()).toMatchObject({
      'Rows read': '57',
      'Values written': '57',
      'Rows rejected': '0',
      'Indicators added': '1 Test indicator (synthetic)',
      'Ward estimates': 'None: the ward values were given in the file',
    });

    // Stored: one new dataset, and the indicator with its 57 ward values.
    const after = await userDatasets();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ fileName: GOOD, format: 'tidy', rowsRead: 57, valueCount: 57, indicatorIds: ['synthetic_test_indicator'] });
    expect(after[0]!.sha256).toBe(createHash('sha256').update(fixture(GOOD)).digest('hex'));
    const indicator = (await h.backend.handlers['indicators.list']({ query: 'synthetic_test_indicator' })).find((i) => i.id === 'synthetic_test_indicator');
    expect(indicator).toMatchObject({ name: 'Test indicator (synthetic)', valueCount: 57, periods: ['2024'], areaTypes: ['ward'] });

    // The link to the Data tab shows it there, marked new.
    await dialog().getByRole('button', { name: 'Show it in the Data tab' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(await page.getByRole('tab', { name: 'Data' }).getAttribute('aria-selected')).toBe('true');
    const card = page.locator(`[data-testid="dataset"][data-dataset-id="${after[0]!.id}"]`);
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('is-new');
    expect(await card.locator('.dataset-name').textContent()).toBe(`${GOOD}ImportedNew`);
    expect(await card.getByTestId('dataset-size').textContent()).toBe('1 indicator, 57 values');
    expect(await card.getByTestId('dataset-licence').textContent()).toBe('Not stated (imported by the user)');
    await poll(() => page.evaluate(() => document.activeElement?.classList.contains('dataset-name'))).toBe(true);
    expect(await page.getByTestId('data-empty').count()).toBe(0);
    await page.mouse.move(900, 790);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'data-panel.png') });
  });

  it('shows each problem of a bad file with its row and column, and imports nothing', async () => {
    const before = strip(await datasets());
    await drop(BAD, fixture(BAD));
    await waitForPreview();
    const errors = dialog().getByTestId('import-errors');
    await errors.waitFor();
    expect(await dialog().locator('.problem-block.is-error .problem-title').textContent()).toBe('2 problems to fix');
    expect(await dialog().locator('.problem-block.is-error .problem-lead').textContent()).toBe(
      'Nothing has been imported. Fix these in the file and try again, or import the good rows only (below).',
    );
    const problems = await errors.locator('.problem').evaluateAll((items) => items.map((li) => [li.querySelector('.problem-where')?.textContent, li.querySelector('.problem-reason')?.textContent]));
    expect(problems).toEqual([
      [`${BAD}, row 4`, 'Numerator 900 is greater than denominator 600.'],
      [`${BAD}, row 6, column ‘denominator’`, "'abc' is not a number."],
    ]);
    // No way to import it whole: only the partial import (the good rows), offered beside Cancel, and not chosen here.
    expect(await dialog().getByRole('button', { name: /^Import/ }).evaluateAll((b) => b.map((x) => x.textContent))).toEqual(['Import the 4 good rows and skip 2']);
    expect(await dialog().locator('.footer-status').textContent()).toBe('Nothing has been imported yet.');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(strip(await datasets())).toEqual(before);
    expect(await indicatorIds()).not.toContain('synthetic_bad_indicator');
  });

  it('caps a long list of problems with "and 20 more", and lists the rest on request', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${wardCodes[i]},synthetic_many,Many problems (synthetic),2024,5,oops`);
    await drop('many-problems-synthetic.csv', `area_code,indicator_id,indicator_name,period,numerator,denominator\n${rows.join('\n')}\n`);
    await waitForPreview();
    const errors = dialog().getByTestId('import-errors');
    await errors.waitFor();
    expect(await dialog().locator('.problem-block.is-error .problem-title').textContent()).toBe('30 problems to fix');
    expect(await errors.locator('.problem').count()).toBe(10);
    expect(await errors.locator('.problem-more').textContent()).toBe('and 20 more Show 20 more');
    expect(await errors.locator('.problem-where').first().textContent()).toBe('many-problems-synthetic.csv, row 2, column ‘denominator’');
    await errors.getByRole('button', { name: 'Show 20 more' }).click();
    expect(await errors.locator('.problem').count()).toBe(30);
    expect(await errors.locator('.problem-where').last().textContent()).toBe('many-problems-synthetic.csv, row 31, column ‘denominator’');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('lists warnings with an "Import anyway" choice, and keeps them with the data', async () => {
    const rows = wardCodes.map((code, i) => `${code},synthetic_suppressed,Suppressed test indicator (synthetic),2024,${i % 19 === 3 ? 'c' : 40 + i},count`);
    const text = `area_code,indicator_id,indicator_name,period,value,unit\n${rows.join('\n')}\n`;
    await drop('suppressed-synthetic.csv', text);
    await waitForPreview();
    const warnings = dialog().getByTestId('import-warnings');
    await warnings.waitFor();
    expect(await dialog().locator('.problem-block.is-warning .problem-title').textContent()).toBe('1 warning');
    expect(await warnings.locator('.problem-reason').first().textContent()).toMatch(/^3 values are suppressed or blank .*stored as missing, not zero/);
    expect(await warnings.locator('.problem-where').first().textContent()).toBe('suppressed-synthetic.csv, row 5');
    await dialog().getByRole('button', { name: 'Import anyway' }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await resultFacts()).toMatchObject({ 'Rows read': '57', 'Values written': '57', 'Stored as missing': '3 suppressed or blank values (missing, not zero)' });
    const ds = (await userDatasets()).find((d) => d.fileName === 'suppressed-synthetic.csv')!;
    expect(ds.warnings).toHaveLength(1);
    expect(ds.warnings[0]).toMatch(/^3 values are suppressed or blank/);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('offers to replace or skip a file imported before', async () => {
    const first = (await userDatasets()).find((d) => d.fileName === GOOD)!;
    const before = strip(await datasets());

    // Skip: nothing changes.
    await drop(GOOD, fixture(GOOD));
    await waitForPreview();
    const note = dialog().getByTestId('import-duplicate');
    await note.waitFor();
    expect(await note.textContent()).toContain('You imported this file before');
    expect(await note.textContent()).toContain(`as “${GOOD}”`);
    expect(await dialog().getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    await dialog().getByRole('button', { name: 'Skip' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(await page.getByTestId('status-line').textContent()).toBe(`Skipped ${GOOD}: it was imported before, and nothing was changed.`);
    expect(strip(await datasets())).toEqual(before);

    // Replace: the earlier import goes, the new one takes its place.
    await drop(GOOD, fixture(GOOD));
    await waitForPreview();
    await dialog().getByRole('button', { name: 'Replace the earlier import' }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await dialog().textContent()).toContain('It replaces the earlier import of the same file.');
    const now = (await userDatasets()).filter((d) => d.fileName === GOOD);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(first.id);
    expect(now[0]!.sha256).toBe(first.sha256);
    expect(now[0]!.valueCount).toBe(57);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('maps a wide file: area-code column, period from the file name, and each indicator column', async () => {
    await drop(WIDE, fixture(WIDE));
    await waitForPreview();
    const mapping = dialog().getByTestId('wide-mapping');
    await mapping.waitFor();
    expect(await dialog().getByLabel('Layout').inputValue()).toBe('wide');
    expect(await mapping.getByLabel('Area-code column').inputValue()).toBe('Ward code');
    expect(await mapping.getByLabel('Period of the values').inputValue()).toBe('2023');
    expect(await mapping.textContent()).toContain('Taken from the file name: check it.');
    const column = (name: string) => mapping.locator(`.wide-column[data-column="${name}"]`);
    // Every column but the codes and names is an indicator to begin with.
    expect(await column('Ward name').getByRole('checkbox').isChecked()).toBe(false);
    for (const c of ['Smokers', 'Adults', 'Green space score']) expect(await column(c).getByRole('checkbox').isChecked()).toBe(true);
    // The backend's guesses are the defaults.
    await poll(() => column('Smokers').getByLabel('Value type').evaluate((s: HTMLSelectElement) => s.options[0]?.textContent)).toBe('Other (guess)');

    // Smokers: a percentage of Adults, lower is better; Adults is only its denominator; green space, a 2022 score.
    const smokers = column('Smokers');
    await smokers.getByLabel('Indicator id').fill('synthetic_wide_smokers');
    await smokers.getByLabel('Name').fill('Smokers (synthetic)');
    await smokers.getByLabel('Value type').selectOption('proportion');
    await smokers.getByLabel('Unit').fill('% of adults');
    await smokers.getByLabel('Which way is better').selectOption('low-is-good');
    await smokers.getByLabel('Ambition').selectOption('fit-well');
    await smokers.getByLabel('Denominator column').selectOption('Adults');
    await column('Adults').getByRole('checkbox').uncheck();
    const green = column('Green space score');
    await green.getByLabel('Indicator id').fill('synthetic wide green');
    expect(await green.locator('.data-field-error').textContent()).toMatch(/no spaces/);
    await green.getByLabel('Indicator id').fill('synthetic_wide_green');
    expect(await green.locator('.data-field-error').count()).toBe(0);
    await green.getByLabel('Name').fill('Green space score (synthetic)');
    await green.getByLabel('Value type').selectOption('mean-score');
    await green.getByLabel('Which way is better').selectOption('high-is-good');
    await green.getByLabel('Period').fill('2022');

    // Checked again with the mapping: two indicators, as described.
    await poll(() => dialog().getByTestId('import-indicators').locator('tbody tr').count()).toBe(2);
    await poll(() => dialog().getByTestId('import-indicators').textContent()).toContain('2022');
    await waitForPreview();
    const plans = await dialog().getByTestId('import-indicators').textContent();
    expect(plans).toContain('synthetic_wide_smokers');
    expect(plans).toContain('synthetic_wide_green');
    expect(await dialog().getByTestId('import-first-rows').locator('thead').textContent()).toContain('denominator of');
    await mapping.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await dialog().screenshot({ path: path.join(RESULTS_DIR, 'data-wide-mapping.png') });

    await dialog().getByRole('button', { name: 'Import anyway' }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await resultFacts()).toMatchObject({ 'Rows read': '57', 'Indicators added': '2 Smokers (synthetic); Green space score (synthetic)' });
    const inds = await h.backend.handlers['indicators.list']({ query: 'synthetic_wide' });
    expect(inds.map((i) => [i.id, i.valueType, i.unit, i.polarity, i.ambition, i.periods])).toEqual([
      ['synthetic_wide_green', 'mean-score', expect.any(String), 'high-is-good', expect.any(String), ['2022']],
      ['synthetic_wide_smokers', 'proportion', '% of adults', 'low-is-good', 'fit-well', ['2023']],
    ]);
    const castle = listValues(h.backend.db, { indicatorId: 'synthetic_wide_smokers', areaCodes: [wardCodes[0]!] });
    expect(castle.map((v) => [v.numerator, v.denominator])).toEqual([[200, 3000]]);
    expect(await indicatorIds()).not.toContain('adults');
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('deletes an imported dataset after a confirmation that names it and its values', async () => {
    await openDataTab();
    const ds = (await userDatasets()).find((d) => d.fileName === GOOD)!;
    const card = page.locator(`[data-testid="dataset"][data-dataset-id="${ds.id}"]`);
    await card.getByRole('button', { name: `Delete ${GOOD}` }).click();
    const confirm = page.getByTestId('delete-dataset-dialog');
    await confirm.waitFor();
    expect(await confirm.getByRole('heading').textContent()).toBe(`Delete “${GOOD}”?`);
    expect(await confirm.getByTestId('delete-dataset-text').textContent()).toContain(`This removes 57 values of 1 indicator, imported from ${GOOD}`);
    // Cancel is the safe default (it has the focus); nothing happens.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect((await userDatasets()).some((d) => d.id === ds.id)).toBe(true);

    await card.getByRole('button', { name: `Delete ${GOOD}` }).click();
    await confirm.getByRole('button', { name: `Delete “${GOOD}”` }).click();
    await confirm.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });
    expect((await userDatasets()).some((d) => d.id === ds.id)).toBe(false);
    expect(await indicatorIds()).not.toContain('synthetic_test_indicator');
    expect(() => listValues(h.backend.db, { indicatorId: 'synthetic_test_indicator' })).toThrow(/no indicator/);
    expect(await page.getByTestId('status-line').textContent()).toBe(`Deleted ${GOOD}: 57 values and 1 indicator removed.`);
    // The other imports are still there.
    expect((await userDatasets()).map((d) => d.fileName).sort()).toEqual(['suppressed-synthetic.csv', WIDE]);
  });

  it('works from the keyboard: focus stays in the preview, every button is reached by Tab, Escape closes it', async () => {
    const before = strip(await datasets());
    await drop(GOOD, fixture(GOOD));
    await waitForPreview();
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="import-dialog"]'));
    const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() ?? '', label: document.activeElement?.getAttribute('aria-label') ?? '' }));
    expect(await inDialog()).toBe(true);
    // Tab through everything: focus never leaves the dialog, and comes round again.
    const reached: string[] = [];
    let first: string | null = null;
    let wrapped = false;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      expect(await inDialog()).toBe(true);
      const f = await focused();
      const key = `${f.tag}:${f.text.slice(0, 40)}:${f.label}`;
      if (f.tag === 'BUTTON') reached.push(f.text);
      if (first === null) first = key;
      else if (key === first) {
        wrapped = true;
        break;
      }
    }
    expect(wrapped, 'Tab wraps round inside the dialog').toBe(true);
    expect(reached).toEqual(expect.arrayContaining(['Import', 'Cancel']));
    // Shift+Tab goes back round too.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await inDialog()).toBe(true);
    }
    // Escape closes it, and nothing was imported.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(strip(await datasets())).toEqual(before);

    // The whole import from the keyboard: Tab to Import, Enter; the summary has the focus, Escape closes it.
    await drop(GOOD, fixture(GOOD));
    await waitForPreview();
    for (let i = 0; i < 80 && (await focused()).text !== 'Import'; i++) await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Import');
    await page.keyboard.press('Enter');
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    await poll(async () => (await focused()).text).toBe('Show it in the Data tab');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect((await userDatasets()).filter((d) => d.fileName === GOOD)).toHaveLength(1);
  });

  it('cancels a 200,000-row import: the database gets no new dataset', async () => {
    const text = bigTidy(200_000, 'synthetic_big');
    const before = strip(await datasets());
    await drop('big-synthetic.csv', text);
    await waitForPreview();
    expect(await dialog().getByTestId('import-summary').textContent()).toContain('200,000 rows for 36 indicators and 57 areas');
    // Cancel is clicked by the page itself the moment the progress bar shows: the job is cancelled as soon as it
    // has an id, while it is still reading the file.
    await watchProgress(true);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await dialog().getByTestId('import-outcome').waitFor({ timeout: 60_000 });
    expect(await dialog().getByTestId('import-outcome').textContent()).toBe('Import cancelled. Nothing has been imported: the data is as it was before.');
    expect((await progressSeen()).length).toBeGreaterThan(0);
    expect(strip(await datasets())).toEqual(before);
    expect((await indicatorIds()).some((id) => id.startsWith('synthetic_big'))).toBe(false);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('imports the 200,000 rows with a progress bar counting rows, byte for byte', async () => {
    const text = bigTidy(200_000, 'synthetic_big');
    await drop('big-synthetic.csv', text);
    await waitForPreview();
    await watchProgress(false);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    // While it runs: a progress bar with a Cancel button.
    await dialog().getByTestId('import-progress').waitFor();
    expect(await dialog().getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    await dialog().getByTestId('import-result').waitFor({ timeout: 90_000 });
    const seen = await progressSeen();
    expect(seen.length).toBeGreaterThan(1);
    for (const e of seen) {
      expect(e.text).toMatch(/^(Sending the file to LAP Insight…|Reading the file|Checking 200,000 rows|Writing [\d,]+ values|Finishing): [\d,]+ of 200,000 rows read · \d+% done$/);
      expect(Number(e.text!.match(/ (\d+)% done$/)![1])).toBe(Number(e.now));
    }
    const percents = seen.map((e) => Number(e.now));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.some((p) => p > 0 && p < 100), `the bar moved while the import ran: ${percents.join(', ')}`).toBe(true);
    expect(await resultFacts()).toMatchObject({ 'Rows read': '200,000', 'Values written': '200,000', 'Indicators added': expect.stringMatching(/^36 /) });
    // The bytes that reached the backend are the file's bytes (read and sent in slices).
    const ds = (await userDatasets()).find((d) => d.fileName === 'big-synthetic.csv')!;
    expect(ds.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(ds.rowsRead).toBe(200_000);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('imports the good rows of a file with bad rows on request, lists the skipped ones and saves them as a CSV', async () => {
    const before = strip(await datasets());
    // Six wards (synthetic numbers): row 4 has a numerator that is not a number, row 6 a numerator above its denominator.
    const rows = wardCodes.slice(0, 6).map((code, i) => `${code},synthetic_partial_e2e,Partial test indicator (synthetic),2024,${i === 2 ? 'oops' : 30 + i},${i === 4 ? 10 : 500},% of residents`);
    const text = `area_code,indicator_id,indicator_name,period,numerator,denominator,unit\n${rows.join('\n')}\n`;
    await drop('partial-synthetic.csv', text);
    await waitForPreview();
    const offer = dialog().getByTestId('import-skip-offer');
    await offer.waitFor();
    expect(await offer.locator('.problem-title').textContent()).toBe('Or import the 4 good rows and skip 2');
    expect(await offer.getByTestId('import-skipped-rows').locator('.problem').evaluateAll((li) => li.map((x) => x.textContent))).toEqual([
      "Row 4row 4, column 'numerator': 'oops' is not a number",
      'Row 6row 6: numerator 34 is greater than denominator 10',
    ]);
    // Only 6 of the 57 wards have values: the preview says so.
    expect(await dialog().getByTestId('import-coverage').textContent()).toContain('Values for 4 of 57 wards');
    // Nothing is stored until the partial import is chosen.
    expect(strip(await datasets())).toEqual(before);
    const [saved] = await Promise.all([page.waitForEvent('download'), offer.getByRole('button', { name: 'Save the skipped rows (CSV)' }).click()]);
    expect(saved.suggestedFilename()).toBe('partial-synthetic-skipped-rows.csv');
    const file = path.join(RESULTS_DIR, 'partial-synthetic-skipped-rows.csv');
    await saved.saveAs(file);
    expect(readFileSync(file, 'utf8').split('\r\n')).toEqual([
      'row,problem,area_code,indicator_id,indicator_name,period,numerator,denominator,unit',
      `4,"row 4, column 'numerator': 'oops' is not a number",${wardCodes[2]},synthetic_partial_e2e,Partial test indicator (synthetic),2024,oops,500,% of residents`,
      `6,row 6: numerator 34 is greater than denominator 10,${wardCodes[4]},synthetic_partial_e2e,Partial test indicator (synthetic),2024,34,10,% of residents`,
      '',
    ]);
    await dialog().screenshot({ path: path.join(RESULTS_DIR, 'data-partial-offer.png') });

    await dialog().getByRole('button', { name: 'Import the 4 good rows and skip 2' }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await resultFacts()).toMatchObject({ 'Rows read': '6', 'Values written': '4', 'Rows skipped': '2 rows with problems, not imported (listed below)' });
    expect(await dialog().getByTestId('import-skipped').getByTestId('import-skipped-rows').locator('.problem-where').allTextContents()).toEqual(['Row 4', 'Row 6']);
    // Stored: exactly the four good rows, worked out by hand (numerator / 500 × 100).
    const stored = listValues(h.backend.db, { indicatorId: 'synthetic_partial_e2e' });
    expect(stored.map((v) => [v.areaCode, v.numerator, v.denominator, v.value]).sort()).toEqual(
      [0, 1, 3, 5].map((i) => [wardCodes[i], 30 + i, 500, ((30 + i) / 500) * 100]).sort(),
    );
    const ds = (await userDatasets()).find((d) => d.fileName === 'partial-synthetic.csv')!;
    expect([ds.rowsRead, ds.rowsRejected, ds.valueCount]).toEqual([6, 2, 4]);
    expect(ds.warnings).toContain("2 rows with errors were skipped (rows 4 and 6), e.g. row 4, column 'numerator': 'oops' is not a number");
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('asks whether higher is better and which ambition when the file does not say, and stores the answers', async () => {
    const rows = wardCodes.map((code, i) => `${code},synthetic_asked_e2e,Asked test indicator (synthetic),2024,${5 + (i % 7)},score`);
    await drop('asked-synthetic.csv', `area_code,indicator_id,indicator_name,period,value,unit\n${rows.join('\n')}\n`);
    await waitForPreview();
    const q = dialog().getByTestId('import-questions');
    await q.waitFor();
    const polarity = q.getByLabel('Higher or lower is better: Asked test indicator (synthetic)');
    const ambition = q.getByLabel('Ambition: Asked test indicator (synthetic)');
    // Until answered: no judgement, under Context.
    expect([await polarity.inputValue(), await ambition.inputValue()]).toEqual(['no-judgement', 'context']);
    await polarity.selectOption('low-is-good');
    await ambition.selectOption('fit-well');
    expect(await ambition.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('3. Opportunity to be fit, well and independent');
    await dialog().screenshot({ path: path.join(RESULTS_DIR, 'data-questions.png') });
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await dialog().getByTestId('import-result').waitFor({ timeout: 60_000 });
    const ind = (await h.backend.handlers['indicators.list']({ query: 'synthetic_asked_e2e' })).find((i) => i.id === 'synthetic_asked_e2e');
    expect(ind).toMatchObject({ polarity: 'low-is-good', ambition: 'fit-well', valueCount: 57 });
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('made no request beyond 127.0.0.1 and logged no errors', () => {
    expect(h.log.offline).toEqual([]);
    expect(h.log.httpErrors).toEqual([]);
    expect(h.log.consoleErrors).toEqual([]);
  });
});
