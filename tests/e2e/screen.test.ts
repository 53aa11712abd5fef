/**
 * End-to-end: the screen (issue 16) in the built renderer, in Chromium, against the real backend, offline, with
 * the SYNTHETIC N4 places imported (so the places exports are offered too):
 *
 *   - at 1280×720 and 1440×900 nothing in the profile's title and toolbar overlaps or is cut off: the LAP's
 *     name, the Export ▾ button, the benchmark switch, and the map key beside them; the Export menu opens whole;
 *   - the map fits each newly chosen area (N4, DSN4, a ward, a council): every ward of it is in view and none of
 *     it is under the map key; a ward selected on another tab is cleared;
 *   - the comparison-word legend is beside the indicators, with the benchmark;
 *   - the Help panel (header button, F1 and the menu's 'menu:help') with the datasets' "data as of";
 *   - the LAPs tab: the keyboard goes to a new LAP; hovering another council's ward says it cannot join;
 *   - axe-core's WCAG 2.2 AA rules find nothing on any tab (nor with the Help panel or the Export menu open).
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts tests/e2e/screen.test.ts
 *
 * Screenshots: test-results/screen-profile-1280x720.png, screen-profile-1440x900.png, screen-export-menu.png,
 * screen-fit-*.png, screen-help.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lap } from '../../shared/contract/laps.ts';
import { installMenuBridge, mapIdle, RESULTS_DIR, startHarness, wardBounds, wardScreenPoint, type Harness } from './helpers.ts';

const WEST_SET = 'West Northamptonshire LAPs';
const N4_PLACES = path.resolve('tests/fixtures/places/n4-places-synthetic.csv');
const AXE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const TABS = ['Wards', 'LAPs', 'Profile', 'Places', 'Data'] as const;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.width <= outer.x + outer.width + 0.5 && a.y + a.height <= outer.y + outer.height + 0.5;

let h: Harness;
let page: Page;
let n4: Lap;
let dsn4: Lap;

async function lapNamed(name: string): Promise<Lap> {
  const set = (await h.backend.handlers['lapSets.list']({})).find((s) => s.name === WEST_SET)!;
  const lap = (await h.backend.handlers['laps.list']({ setId: set.id })).find((l) => l.name === name);
  if (!lap) throw new Error(`no LAP ${name}`);
  return lap;
}

async function box(selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
}

async function profileOf(kind: 'A LAP' | 'A ward' | 'A council', value: string, name: string): Promise<void> {
  await page.getByTestId('area-kind').getByRole('radio', { name: kind, exact: true }).check();
  const label = kind === 'A LAP' ? 'LAP to profile' : kind === 'A ward' ? 'Ward to profile' : 'Council to profile';
  await page.getByLabel(label).selectOption(value);
  await poll(() => page.getByTestId('profile-name').textContent()).toBe(name);
  await poll(() => page.locator('[data-testid="profile-area-legend"] .map-legend-title').textContent()).toBe(`Profile of ${name}`);
  await mapIdle(page);
}

/** The area's bounding box on screen, from the backend's own ward geometry (not the app's). */
async function areaOnScreen(codes: string[]): Promise<Box & { inView: boolean }> {
  const bounds = await Promise.all(codes.map((c) => wardBounds(h.backend, c)));
  const b = [Math.min(...bounds.map((x) => x[0])), Math.min(...bounds.map((x) => x[1])), Math.max(...bounds.map((x) => x[2])), Math.max(...bounds.map((x) => x[3]))];
  return page.evaluate((b) => {
    const map = window.__lapMap!.map;
    const rect = map.getCanvas().getBoundingClientRect();
    const sw = map.project([b[0]!, b[1]!]);
    const ne = map.project([b[2]!, b[3]!]);
    const box = { x: rect.left + sw.x, y: rect.top + ne.y, width: ne.x - sw.x, height: sw.y - ne.y };
    const inView = sw.x >= 0 && ne.y >= 0 && ne.x <= rect.width && sw.y <= rect.height;
    return { ...box, inView };
  }, b);
}

async function runAxe(): Promise<{ id: string; impact: string | null; help: string; nodes: string[] }[]> {
  // The app's CSP (script-src 'self') refuses an inline <script>, so the file's text is evaluated through the
  // DevTools protocol instead (no network either way).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE}\n;void 0`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

describe('The screen: layout, map follows the profile, legend, Help, accessibility', () => {
  beforeAll(async () => {
    h = await startHarness('lap-screen-e2e-');
    const imported = await h.backend.handlers['places.import']({
      fileName: 'n4-places-synthetic.csv',
      contentBase64: readFileSync(N4_PLACES).toString('base64'),
      check: false,
      onDuplicate: 'refuse',
    });
    expect(imported.status).toBe('imported');
    n4 = await lapNamed('N4');
    dsn4 = await lapNamed('DSN4');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('profile toolbar: nothing overlaps or is cut off at 1280×720 and 1440×900, with places imported', async () => {
    await page.getByRole('tab', { name: 'Profile' }).click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await profileOf('A LAP', String(n4.id), 'N4');
      const panel = await box('.side-panel');
      const name = await box('[data-testid="profile-name"]');
      const exportButton = await box('[data-testid="export-menu-button"]');
      const legend = await box('[data-testid="profile-area-legend"]');
      const title = `${size.width}×${size.height}`;
      // The name is whole (not squeezed into a sliver) and nothing covers it.
      expect(name.width, title).toBeGreaterThan(30);
      expect(await page.getByTestId('profile-name').evaluate((el) => el.scrollWidth <= el.clientWidth + 1), title).toBe(true);
      expect(overlaps(name, exportButton), title).toBe(false);
      // Every control of the title and the toolbar is inside the side panel, clear of each other and of the map key.
      const controls = await page.locator('.profile-title button, .profile-toolbar button, .profile-toolbar input, .profile-toolbar label, .area-chooser select, .area-chooser label:not(.visually-hidden)').all();
      const boxes: Box[] = [];
      for (const c of controls) {
        if (!(await c.isVisible())) continue;
        const b = (await c.boundingBox())!;
        expect(inside(b, panel), `${title}: ${await c.textContent()} inside the side panel`).toBe(true);
        expect(overlaps(b, legend), `${title}: ${await c.textContent()} clear of the map key`).toBe(false);
        expect(inside(b, { x: 0, y: 0, ...size }), `${title}: ${await c.textContent()} in the window`).toBe(true);
        boxes.push(b);
      }
      expect(boxes.length, title).toBeGreaterThan(6);
      const buttons = await page.locator('.profile-title button, .profile-toolbar [role="radio"] + *').all();
      const bb = (await Promise.all(buttons.map((b) => b.boundingBox()))).filter((b): b is Box => !!b);
      for (let i = 0; i < bb.length; i++) for (let j = i + 1; j < bb.length; j++) expect(overlaps(bb[i]!, bb[j]!), `${title}: controls ${i} and ${j}`).toBe(false);
      expect(overlaps(name, legend), title).toBe(false);
      await page.mouse.move(size.width - 2, size.height - 2);
      await page.screenshot({ path: path.join(RESULTS_DIR, `screen-profile-${size.width}x${size.height}.png`) });

      // The Export menu opens whole inside the window, with every export (the places lists too).
      await page.getByTestId('export-menu-button').click();
      const items = page.getByTestId('export-menu').getByRole('menuitem');
      const labels = await items.locator('.export-menu-label').allTextContents();
      expect(labels).toEqual(['PDF profile', 'Full PDF (technical)', 'CSV', 'Excel', 'Map picture', 'Places list (CSV)', 'GP practice list (CSV)']);
      for (const item of await items.all()) expect(inside((await item.boundingBox())!, { x: 0, y: 0, ...size }), title).toBe(true);
      // The first item has the focus; arrows move it; Escape closes and returns to the button.
      await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('PDF profile');
      await page.keyboard.press('ArrowDown');
      await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Full PDF (technical)');
      if (size.width === 1280) await page.screenshot({ path: path.join(RESULTS_DIR, 'screen-export-menu.png') });
      await page.keyboard.press('Escape');
      await poll(() => page.getByTestId('export-menu').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-menu-button');
    }
  });

  it('the map fits each newly chosen area, clear of the map key, and clears a ward selected on another tab', async () => {
    await page.setViewportSize(SIZES[0]);
    // A ward selected on the Wards tab...
    await page.getByRole('tab', { name: 'Wards' }).click();
    const brackley = page.getByRole('listbox', { name: 'Wards' }).getByRole('option', { name: /^Brackley/ }).first();
    await brackley.click();
    await poll(() => brackley.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Profile' }).click();

    const wards = await h.backend.handlers['wards.list']({});
    const north = wards.filter((w) => w.authorityCode === 'E06000061').map((w) => w.code);
    const kingswood = wards.find((w) => w.name.startsWith('Kingswood'))!;
    const steps = [
      { kind: 'A LAP' as const, value: String(dsn4.id), name: 'DSN4', codes: dsn4.wards.map((w) => w.code) },
      { kind: 'A LAP' as const, value: String(n4.id), name: 'N4', codes: n4.wards.map((w) => w.code) },
      { kind: 'A ward' as const, value: kingswood.code, name: kingswood.name, codes: [kingswood.code] },
      { kind: 'A council' as const, value: 'E06000061', name: 'North Northamptonshire', codes: north },
    ];
    expect(north.length).toBe(26);
    for (const step of steps) {
      await profileOf(step.kind, step.value, step.name);
      // The camera settles after the profile (and its key) arrived.
      await page.waitForTimeout(300);
      await mapIdle(page);
      const area = await areaOnScreen(step.codes);
      const legend = await box('[data-testid="profile-area-legend"]');
      expect(area.inView, `${step.name} whole in view`).toBe(true);
      expect(overlaps(area, legend), `${step.name} clear of the map key`).toBe(false);
      // Not a tiny area in a big view: it fills a fair part of the map.
      const canvas = await box('.maplibregl-canvas');
      expect(Math.max(area.width / canvas.width, area.height / canvas.height), step.name).toBeGreaterThan(0.3);
      await page.mouse.move(2, 718);
      await page.screenshot({ path: path.join(RESULTS_DIR, `screen-fit-${step.name.replace(/\W+/g, '-').toLowerCase()}.png`) });
    }
    // The Wards tab's selection went when another area was chosen.
    await page.getByRole('tab', { name: 'Wards' }).click();
    expect(await page.locator('[aria-selected="true"][role="option"]').count()).toBe(0);
    await page.getByRole('tab', { name: 'Profile' }).click();

    // The keys fold away.
    const toggle = page.getByTestId('profile-area-legend').getByTestId('map-key-toggle');
    await toggle.click();
    expect(await page.locator('[data-testid="profile-area-legend"] ul').isVisible()).toBe(false);
    await toggle.click();
    expect(await page.locator('[data-testid="profile-area-legend"] ul').isVisible()).toBe(true);
  });

  it('shows the comparison-word legend beside the indicators, with the benchmark and the levels', async () => {
    await profileOf('A LAP', String(n4.id), 'N4');
    const legend = page.getByTestId('comparison-legend');
    if (!(await legend.getAttribute('open'))) await legend.locator('summary').click();
    const text = (await legend.textContent()) ?? '';
    for (const word of ['Better', 'Worse', 'Best', 'Worst', 'Similar', 'Higher', 'Lower', 'Not compared', '95%', '99.8%']) expect(text).toContain(word);
    expect(text).toContain('Compared with West Northamptonshire');
    // Each word is drawn as the chip the indicators use.
    const chips = await legend.locator('[data-comparison]').evaluateAll((els) => els.map((e) => e.getAttribute('data-comparison')));
    expect(chips.sort()).toEqual(['best', 'better', 'higher', 'lower', 'not-compared', 'similar', 'worse', 'worst']);
    // It sits just above the indicator list.
    const l = await legend.boundingBox();
    const list = await page.locator('[data-ambition]').first().boundingBox();
    expect(l!.y).toBeLessThan(list!.y);
  });

  it('Help: from the header, F1 and the app menu; says how old each source is', async () => {
    await page.getByTestId('help-button').click();
    const help = page.getByTestId('help-panel');
    await help.waitFor();
    const text = (await help.textContent()) ?? '';
    for (const heading of ['What a LAP profile is', 'How to read a spine chart', 'The comparison words', 'What an estimate is', 'how old they are', 'Keyboard shortcuts', 'Importing your own data', 'docs/bringing-your-own-data.md']) {
      expect(text).toContain(heading);
    }
    // "Data as of" from the datasets' own metadata.
    const datasets = await h.backend.handlers['datasets.list']({});
    expect(datasets.length).toBeGreaterThan(3);
    const rows = help.getByTestId('help-sources').locator('tbody tr');
    await poll(() => rows.count()).toBe(datasets.length);
    for (const d of datasets) expect(await rows.filter({ hasText: d.name }).first().textContent()).toContain(d.period);
    expect(text).not.toContain('github');
    await page.mouse.move(2, 718);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'screen-help.png') });
    await page.keyboard.press('Escape');
    await poll(() => help.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('help-button');

    await page.keyboard.press('F1');
    await help.waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await poll(() => help.count()).toBe(0);

    // The Electron menu's Help item sends 'menu:help' through window.lap.onMenu; a stand-in bridge receives it.
    const context = await h.newContext();
    await installMenuBridge(context);
    const other = await context.newPage();
    await other.goto(h.server.openUrl);
    await other.getByRole('tab', { name: 'Wards' }).waitFor();
    await other.evaluate(() => (window as unknown as { __menu: (a: string) => void }).__menu('menu:help'));
    await other.getByTestId('help-panel').waitFor();
    await context.close();
  });

  it('LAPs tab: the keyboard goes to a new LAP; hover text says what a click will do', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.getByRole('tab', { name: 'LAPs' }).click();
    const westSet = (await h.backend.handlers['lapSets.list']({})).find((s) => s.name === WEST_SET)!;
    await page.getByLabel('LAP set').selectOption(String(westSet.id));
    await page.getByRole('button', { name: 'New LAP' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `New LAP in ${WEST_SET}` });
    await dialog.waitFor();
    await page.keyboard.type('Screen test LAP');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const created = (await h.backend.handlers['laps.list']({ setId: westSet.id })).find((l) => l.name === 'Screen test LAP')!;
    expect(created).toBeTruthy();
    // The focus is on the LAP list, on the new LAP (its active option), not back on "New LAP".
    await poll(() =>
      page.evaluate(() => {
        const el = document.activeElement;
        const active = el?.getAttribute('aria-activedescendant');
        return active ? (document.getElementById(active)?.querySelector('.lap-option-name')?.firstChild?.textContent ?? null) : null;
      }),
    ).toBe('Screen test LAP');
    // A visible focus ring (the amber outline) on it.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineColor)).toBe('rgb(255, 191, 71)');

    // Hovering a North Northamptonshire ward while editing a West LAP says it cannot join, not "Click to add".
    await page.getByRole('button', { name: 'Zoom to fit both councils' }).click();
    await mapIdle(page);
    const wards = await h.backend.handlers['wards.list']({});
    let point: { x: number; y: number } | null = null;
    for (const w of wards.filter((x) => x.authorityCode === 'E06000061')) {
      point = await wardScreenPoint(page, w.code);
      if (point) break;
    }
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    await poll(() => page.getByTestId('map-tooltip').locator('.map-tooltip-note').textContent()).toBe(
      'North Northamptonshire wards cannot join a West Northamptonshire LAP',
    );

    // A refused click (a ward already in another LAP of the official set) shows an error; undoing clears it.
    const inLaps = new Set((await h.backend.handlers['laps.list']({ setId: westSet.id })).flatMap((l) => l.wards.map((w) => w.code)));
    const clickable = async (codes: string[]) => {
      for (const c of codes) {
        const p = await wardScreenPoint(page, c);
        if (p) return { code: c, p };
      }
      return null;
    };
    const west = wards.filter((w) => w.authorityCode !== 'E06000061');
    const free = await clickable(west.filter((w) => !inLaps.has(w.code)).map((w) => w.code));
    const taken = await clickable(west.filter((w) => inLaps.has(w.code)).map((w) => w.code));
    expect(free && taken).toBeTruthy();
    await page.mouse.click(free!.p.x, free!.p.y);
    await poll(async () => (await h.backend.handlers['laps.get']({ id: created.id })).wards.map((w) => w.code)).toEqual([free!.code]);
    await page.mouse.click(taken!.p.x, taken!.p.y);
    await poll(() => page.getByTestId('lap-message-wards').textContent()).toContain('official LAPs in one set cannot share wards');
    await page.getByRole('button', { name: /^↶?\s*Undo add/ }).click();
    await poll(async () => (await h.backend.handlers['laps.get']({ id: created.id })).wards.length).toBe(0);
    await poll(() => page.getByTestId('lap-message-wards').count()).toBe(0);
    await page.mouse.move(2, 700);
  });

  it('axe-core (WCAG 2.2 AA) finds nothing on any tab, nor with Help or the Export menu open', async () => {
    await page.setViewportSize(SIZES[1]);
    const found: Record<string, unknown> = {};
    for (const tab of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(500);
      const v = await runAxe();
      if (v.length) found[tab] = v;
    }
    await page.getByRole('tab', { name: 'Profile' }).click();
    await profileOf('A LAP', String(n4.id), 'N4');
    const profile = await runAxe();
    if (profile.length) found['Profile of N4'] = profile;
    await page.getByTestId('export-menu-button').click();
    const menu = await runAxe();
    if (menu.length) found['Export menu'] = menu;
    await page.keyboard.press('Escape');
    await page.getByTestId('help-button').click();
    await page.getByTestId('help-panel').waitFor();
    const help = await runAxe();
    if (help.length) found['Help'] = help;
    await page.keyboard.press('Escape');
    expect(found).toEqual({});
    expect(h.log.consoleErrors).toEqual([]);
    expect(h.log.offline).toEqual([]);
  });
});
