/**
 * End-to-end: one panel that fails to render never blanks the app (renderer/src/shell/PanelBoundary.tsx). The Data
 * tab is handed a malformed dataset list (the preview's API reply is replaced in the browser), so its render throws;
 * the tab shows what failed and a Reload button, while the other tabs, the header and the map keep working.
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts tests/e2e/error-boundary.test.ts
 *
 * Screenshot: test-results/panel-failed.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 100 });

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness('lap-e2e-boundary-');
  ({ page } = await h.openPage());
  await mapIdle(page);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const failed = () => page.getByTestId('panel-failed');

describe('a panel that fails to render', () => {
  it('shows what failed and Reload in that panel only; the rest of the app keeps working', async () => {
    // A reply the Data tab cannot draw: a dataset list holding nothing but null.
    await page.route('**/api/datasets.list', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: [null] }) }));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.getByRole('tab', { name: 'Data' }).click();
    await poll(() => failed().count()).toBe(1);
    expect(await failed().getByRole('heading').textContent()).toBe('The Data panel could not be shown');
    expect(await failed().getAttribute('role')).toBe('alert');
    await failed().locator('summary').click();
    expect((await failed().locator('.panel-failed-message').textContent())!.length).toBeGreaterThan(0);
    expect(await failed().getByRole('button', { name: 'Reload', exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'panel-failed.png') });

    // Not blank: the header, the tabs and the map are still there and the other tabs still work.
    expect(await page.locator('.app-title').textContent()).toBe('LAP Insight');
    expect(await page.locator('.map-area canvas').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Wards' }).click();
    await poll(() => failed().count()).toBe(0);
    await poll(() => page.getByText('Abington and Phippsville').count()).toBeGreaterThan(0);

    // Reload retries the panel: with the reply still malformed it fails again, in the panel, not the window.
    await page.getByRole('tab', { name: 'Data' }).click();
    await poll(() => failed().count()).toBe(1);
    await failed().getByRole('button', { name: 'Reload', exact: true }).click();
    await poll(() => failed().count()).toBe(1);
    expect(await page.locator('.app-title').textContent()).toBe('LAP Insight');

    // With good replies again, "Reload the window" brings the Data tab back.
    await page.unroute('**/api/datasets.list');
    await failed().getByRole('button', { name: 'Reload the window' }).click();
    await mapIdle(page);
    await page.getByRole('tab', { name: 'Data' }).click();
    await poll(() => page.locator('[data-panel="data"]').count()).toBe(1);
    await poll(() => failed().count()).toBe(0);
    await poll(async () => ((await page.locator('[data-panel="data"]').textContent()) ?? '').length).toBeGreaterThan(20);
    // A render error is not an uncaught page error: the boundary caught every one.
    expect(errors).toEqual([]);
  }, 120_000);
});
