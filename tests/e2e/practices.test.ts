/**
 * GP practices on the profile screen (issue 15; built renderer, preview transport, Chromium, offline): N4's profile
 * says which practices make up its registered population, lists them with their PCNs, labels practice-based rows as
 * registered patients, and shows a breakdown by practice (not by ward). Screenshot: test-results/profile-practices.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });

let h: Harness;
let page: Page;

describe('GP practices in the profile', () => {
  beforeAll(async () => {
    h = await startHarness('lap-practices-e2e-');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("N4: the practices section, the registered-patients label and the practice breakdown", async () => {
    const laps = await h.backend.handlers['laps.list']({});
    const n4 = laps.find((l) => l.name === 'N4')!;
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.getByLabel('LAP to profile').selectOption(String(n4.id));
    await poll(() => page.getByTestId('profile-name').textContent()).toBe('N4');
    await poll(() => page.getByTestId('practices-description').textContent()).toContain("patients registered at N4's 9 GP practices");
    expect(await page.getByTestId('practices-table').locator('tbody tr').count()).toBe(9);
    await page.getByTestId('practices-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'profile-practices.png') });
    // A practice-based row carries the label; opened, it shows the practices, not the wards.
    const flag = page.getByTestId('practice-based-flag').first();
    await flag.scrollIntoViewIfNeeded();
    expect(await flag.textContent()).toBe("patients registered at N4's 9 GP practices");
    const row = page.locator('li', { has: flag }).last(); // the indicator's own row, inside its ambition's list item
    await row.locator('button.disclosure').click();
    await poll(() => page.getByTestId('practice-breakdown').count()).toBe(1);
    expect(await page.getByTestId('ward-breakdown').count()).toBe(0);
    await page.getByTestId('practice-breakdown').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'profile-practice-breakdown.png') });
    expect(h.log.consoleErrors).toEqual([]);
    expect(h.log.offline).toEqual([]);
  });
});
