/**
 * End-to-end: the LAP builder in the built renderer, in Chromium, against the real backend (preview transport),
 * offline. Builds a LAP by clicking wards on the map, undoes and redoes, renames, reloads, tries an overlap in an
 * official set, exports a set and imports it back, and drives the tabs and the LAP list from the keyboard.
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts
 *
 * Screenshots: test-results/lap-builder-n4.png, lap-builder-dsn4.png (the presets) and lap-builder-new.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lap } from '../../shared/contract/laps.ts';
import { mapIdle, RESULTS_DIR, startHarness, wardBounds, wardScreenPoint, type Harness } from './helpers.ts';

const WEST_SET = 'West Northamptonshire LAPs';
const CUSTOM_SET = 'My working groups';
const CASTLE = 'E05013246';
/** Three neighbouring North Northamptonshire wards, large enough to click at the county view. */
const NEW_WARDS = [
  { code: 'E05013231', name: 'Oundle' },
  { code: 'E05013236', name: 'Thrapston' },
  { code: 'E05013225', name: 'Irthlingborough' },
];
/** Far from the three, in the other council (a custom set may cross the boundary). */
const BRACKLEY = { code: 'E05013242', name: 'Brackley' };
const NEW_NAME = 'East Northants group';
const RENAMED = 'Nene Valley North group';

/** Waits for a value in the page to settle (every change goes to the backend and back, then to the map). */
// Generous: a loaded 2-core CI machine renders WebGL in software.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let h: Harness;
let page: Page;
const people = new Intl.NumberFormat('en-GB');

async function setIdOf(name: string): Promise<number> {
  const set = (await h.backend.handlers['lapSets.list']({})).find((s) => s.name === name);
  if (!set) throw new Error(`no set ${name}`);
  return set.id;
}

async function lapNamed(setName: string, name: string): Promise<Lap | undefined> {
  return (await h.backend.handlers['laps.list']({ setId: await setIdOf(setName) })).find((l) => l.name === name);
}

async function openLapsTab(): Promise<void> {
  await page.getByRole('tab', { name: 'LAPs' }).click();
  await page.getByLabel('LAP set').waitFor();
}

async function chooseSet(name: string): Promise<void> {
  await page.getByLabel('LAP set').selectOption(String(await setIdOf(name)));
  await poll(() => page.getByTestId('coverage').textContent()).toBeTruthy();
}

const lapList = () => page.getByRole('listbox', { name: 'LAPs' });
const lapOption = (name: string) => lapList().getByRole('option').filter({ has: page.locator('.lap-option-name', { hasText: new RegExp(`^${name}(new)?$`) }) });

async function featureState(code: string): Promise<Record<string, unknown>> {
  return page.evaluate((c) => window.__lapMap!.map.getFeatureState({ source: 'wards', id: c }), code);
}

async function waitForMember(code: string, member: boolean): Promise<void> {
  await poll(async () => Boolean((await featureState(code)).member)).toBe(member);
}

/** The edited LAP's outline as rendered on the map (ward codes of the rendered outline features). */
async function renderedActiveOutline(): Promise<{ ids: number[]; wardCodes: string[] }> {
  await mapIdle(page);
  return page.evaluate(() => {
    const features = window.__lapMap!.map.queryRenderedFeatures({ layers: ['lap-active-line'] });
    const codes = features.flatMap((f) => {
      const raw = f.properties.wardCodes as unknown;
      return typeof raw === 'string' ? (JSON.parse(raw) as string[]) : Array.isArray(raw) ? (raw as string[]) : [];
    });
    return { ids: [...new Set(features.map((f) => Number(f.id)))], wardCodes: [...new Set(codes)].sort() };
  });
}

async function waitForOutline(lapId: number, wardCodes: string[]): Promise<void> {
  const want = [...wardCodes].sort();
  await poll(async () => {
      const r = await renderedActiveOutline();
      return r.ids.includes(lapId) ? r.wardCodes : [];
    })
    .toEqual(want);
}

async function wardCount(): Promise<string | null> {
  return page.getByTestId('lap-ward-count').textContent();
}

async function clickWard(code: string): Promise<void> {
  const point = await wardScreenPoint(page, code);
  expect(point, `ward ${code} should be clickable on the map`).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
}

async function screenshot(name: string): Promise<void> {
  await mapIdle(page);
  // Let the tooltip go, so the picture shows the map itself.
  await page.mouse.move(2, 790);
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

describe('LAP builder (built renderer, preview transport, Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-builder-e2e-');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens the LAPs tab on the official West set with the presets N4 and DSN4, and draws each outline', async () => {
    await openLapsTab();
    expect(await page.getByRole('tab', { name: 'LAPs' }).getAttribute('aria-selected')).toBe('true');
    // The first set with LAPs is chosen on first run.
    expect(await page.getByLabel('LAP set').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toContain(WEST_SET);
    expect(await lapOption('N4').count()).toBe(1);
    expect(await lapOption('DSN4').count()).toBe(1);
    // Coverage for the council: 31 West wards, 8 of them in N4 or DSN4.
    const coverage = await page.getByTestId('coverage').textContent();
    expect(coverage).toContain('23 of 31 West Northamptonshire wards are in no LAP yet.');

    for (const name of ['N4', 'DSN4']) {
      const lap = (await lapNamed(WEST_SET, name))!;
      await lapOption(name).click();
      await poll(() => page.getByLabel('LAP name').inputValue()).toBe(name);
      expect(await wardCount()).toBe('4');
      await waitForOutline(lap.id, lap.wards.map((w) => w.code));
      for (const w of lap.wards) expect((await featureState(w.code)).member).toBe(true);
      // The neighbouring LAP is drawn too (lighter), with both names on the map.
      const drawn = await page.evaluate(() => ({
        neighbours: window.__lapMap!.map.queryRenderedFeatures({ layers: ['lap-neighbour-line'] }).map((f) => Number(f.id)),
        labels: window.__lapMap!.map.queryRenderedFeatures({ layers: ['lap-labels', 'lap-active-label'] }).map((f) => String(f.properties.name)),
      }));
      expect(drawn.labels).toContain(name);
      expect(drawn.neighbours.length).toBeGreaterThan(0);
      if (lap.population === null) expect(await page.getByTestId('lap-population-note').textContent()).toBe(lap.populationNote);
      else expect(await page.getByTestId('lap-population').textContent()).toContain(people.format(lap.population));
      await screenshot(`lap-builder-${name.toLowerCase()}.png`);
    }

    // Hatching the wards in no LAP marks exactly the uncovered ones.
    await page.getByLabel('Hatch the wards in no LAP on the map').check();
    const west = await h.backend.handlers['lapSets.coverage']({ id: await setIdOf(WEST_SET) });
    const uncovered = west.councils[0]!.uncovered.map((w) => w.code);
    await poll(async () => Boolean((await featureState(uncovered[0]!)).uncovered)).toBe(true);
    expect((await featureState(CASTLE)).uncovered).toBeFalsy();
    await page.getByLabel('Hatch the wards in no LAP on the map').uncheck();
  });

  it('creates a LAP in a custom set by clicking three wards on the map: outline, ward count and population follow', async () => {
    await chooseSet(CUSTOM_SET);
    await page.getByRole('button', { name: 'New LAP' }).click();
    const dialog = page.getByRole('dialog', { name: `New LAP in ${CUSTOM_SET}` });
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill(NEW_NAME);
    await dialog.getByRole('button', { name: 'Create LAP' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe(NEW_NAME);
    expect(await wardCount()).toBe('0');
    const created = (await lapNamed(CUSTOM_SET, NEW_NAME))!;
    expect(created.wardCount).toBe(0);

    await page.getByRole('button', { name: 'Zoom to fit both councils' }).click();
    await mapIdle(page);
    for (const [i, w] of NEW_WARDS.entries()) {
      await clickWard(w.code);
      await poll(wardCount).toBe(String(i + 1));
      await waitForMember(w.code, true);
    }
    await poll(() => page.getByRole('button', { name: 'Undo add Irthlingborough' }).count()).toBe(1);

    // Saved in the backend, outline drawn on the map in one piece.
    const lap = await h.backend.handlers['laps.get']({ id: created.id });
    expect(lap.wards.map((w) => w.code).sort()).toEqual(NEW_WARDS.map((w) => w.code).sort());
    await waitForOutline(created.id, NEW_WARDS.map((w) => w.code));
    expect(await page.getByTestId('lap-parts-message').count()).toBe(0);

    // Population: the sum of the three wards' Census 2021 residents, as the backend reports them.
    if (lap.population !== null) {
      const sum = lap.wards.reduce((s, w) => s + (w.population ?? NaN), 0);
      expect(lap.population).toBe(sum);
      expect(await page.getByTestId('lap-population').textContent()).toContain(people.format(sum));
    } else {
      expect(await page.getByTestId('lap-population-note').textContent()).toBe(lap.populationNote);
    }

    // Show it whole for the screenshot (choosing it in the list fits the map to it).
    await lapOption(NEW_NAME).click();
    await mapIdle(page);
    await screenshot('lap-builder-new.png');
  });

  it('says when a LAP is in separate parts, and undoes one ward at a time (button and keys)', async () => {
    const lap = (await lapNamed(CUSTOM_SET, NEW_NAME))!;
    // Tick Brackley in the ward list: it does not touch the other three.
    const search = page.getByRole('searchbox', { name: 'Find a ward' });
    await search.fill('brackley');
    await page.getByRole('checkbox', { name: 'Brackley' }).check();
    await poll(wardCount).toBe('4');
    await poll(() => page.getByTestId('lap-parts-message').textContent())
      .toBe('This LAP is in 2 separate parts: Irthlingborough, Oundle, Thrapston; Brackley.');
    expect(await page.getByTestId('lap-editor').textContent()).toContain('North Northamptonshire (3 wards), West Northamptonshire (1 ward)');

    // Undo with the button: Brackley goes, map and counts follow.
    await page.getByRole('button', { name: 'Undo add Brackley' }).click();
    await poll(wardCount).toBe('3');
    await waitForMember(BRACKLEY.code, false);
    await poll(() => page.getByTestId('lap-parts-message').count()).toBe(0);
    await search.fill('');

    // Undo one of the three clicked wards.
    await page.getByRole('button', { name: 'Undo add Irthlingborough' }).click();
    await poll(wardCount).toBe('2');
    await waitForMember('E05013225', false);
    await waitForMember('E05013231', true);
    expect(await page.getByTestId('status-line').textContent()).toBe('Undone: add Irthlingborough.');

    // Redo and undo from the keyboard (focus is on a button, not a text field).
    await page.keyboard.press('Control+Shift+Z');
    await poll(wardCount).toBe('3');
    await waitForMember('E05013225', true);
    await page.keyboard.press('Control+Z');
    await poll(wardCount).toBe('2');
    await page.keyboard.press('Control+Y');
    await poll(wardCount).toBe('3');
    await page.keyboard.press('Control+Z');
    await poll(wardCount).toBe('2');
    await waitForMember('E05013225', false);
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).wardCount).toBe(2);
    await waitForOutline(lap.id, ['E05013231', 'E05013236']);
    // The redo button says what it would bring back.
    expect(await page.getByRole('button', { name: 'Redo add Irthlingborough' }).count()).toBe(1);
  });

  it('renames the LAP, and after a reload it is still there with its new name and 2 wards', async () => {
    const lap = (await lapNamed(CUSTOM_SET, NEW_NAME))!;
    const name = page.getByLabel('LAP name');
    await name.fill(RENAMED);
    await name.press('Enter');
    await poll(() => lapOption(RENAMED).count()).toBe(1);
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).name).toBe(RENAMED);
    expect(await page.getByRole('button', { name: `Undo rename ${NEW_NAME} to ${RENAMED}` }).count()).toBe(1);

    // Ctrl+Z inside a text field is the field's own undo, not the app's.
    await name.fill(`${RENAMED} draft`);
    await name.press('Control+Z');
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).name).toBe(RENAMED);
    await name.press('Escape');
    expect(await name.inputValue()).toBe(RENAMED);

    await page.reload();
    await mapIdle(page);
    // The tab, set and LAP are remembered.
    expect(await page.getByRole('tab', { name: 'LAPs' }).getAttribute('aria-selected')).toBe('true');
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe(RENAMED);
    expect(await wardCount()).toBe('2');
    expect(await lapOption(RENAMED).textContent()).toContain('2 wards');
    await waitForOutline(lap.id, ['E05013231', 'E05013236']);
    await waitForMember('E05013231', true);
  });

  it('adds wards with a Shift-drag box and with the Lasso tool, each one undoable', async () => {
    const lap = (await lapNamed(CUSTOM_SET, RENAMED))!;
    await lapOption(RENAMED).click();
    await mapIdle(page);
    const editbar = page.getByTestId('map-editbar');
    expect(await editbar.textContent()).toContain(`Editing ${RENAMED}`);
    await page.getByRole('button', { name: 'Zoom to fit both councils' }).click();
    await mapIdle(page);

    // Shift-drag a small box around Raunds' label: it touches Raunds (and nothing is zoomed).
    const zoom = await page.evaluate(() => window.__lapMap!.map.getZoom());
    const raunds = (await wardScreenPoint(page, 'E05013232'))!;
    expect(raunds).not.toBeNull();
    await page.mouse.move(raunds.x - 6, raunds.y - 6);
    await page.keyboard.down('Shift');
    await page.mouse.down();
    await page.mouse.move(raunds.x + 6, raunds.y + 6, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await waitForMember('E05013232', true);
    const afterBox = await h.backend.handlers['laps.get']({ id: lap.id });
    expect(afterBox.wards.map((w) => w.code)).toContain('E05013232');
    expect(await page.evaluate(() => window.__lapMap!.map.getZoom())).toBeCloseTo(zoom, 5);
    const boxUndo = page.getByRole('button', { name: /^Undo add .*\(box\)$/ });
    expect(await boxUndo.count()).toBe(1);
    await boxUndo.click();
    await waitForMember('E05013232', false);
    await poll(wardCount).toBe('2');

    // The Lasso: draw a ring around Irthlingborough's label point; only wards whose label point is inside are added.
    await page.getByRole('button', { name: 'Lasso', exact: true }).click();
    expect(await page.getByRole('button', { name: 'Lasso', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const irth = (await wardScreenPoint(page, 'E05013225'))!;
    const ring = Array.from({ length: 13 }, (_, i) => [irth.x + 14 * Math.cos((i / 12) * 2 * Math.PI), irth.y + 14 * Math.sin((i / 12) * 2 * Math.PI)] as const);
    await page.mouse.move(ring[0]![0], ring[0]![1]);
    await page.mouse.down();
    for (const [x, y] of ring.slice(1)) await page.mouse.move(x, y, { steps: 2 });
    await page.mouse.up();
    await waitForMember('E05013225', true);
    await poll(wardCount).toBe('3');
    expect(await page.getByRole('button', { name: 'Undo add Irthlingborough (lasso)' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Lasso', exact: true }).click();
    expect(await page.getByRole('button', { name: 'Lasso', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Undo add Irthlingborough (lasso)' }).click();
    await poll(wardCount).toBe('2');
    await waitForMember('E05013225', false);
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).wardCount).toBe(2);
  });

  it('refuses Castle in a new LAP of the official West set with the message naming N4, and nothing changes', async () => {
    await chooseSet(WEST_SET);
    await page.getByRole('button', { name: 'New LAP' }).click();
    const dialog = page.getByRole('dialog', { name: `New LAP in ${WEST_SET}` });
    await dialog.getByLabel('Name').fill('Northampton centre');
    await dialog.getByRole('button', { name: 'Create LAP' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('Northampton centre');
    const lap = (await lapNamed(WEST_SET, 'Northampton centre'))!;

    // From the ward list: type and press Enter.
    const search = page.getByRole('searchbox', { name: 'Find a ward' });
    await search.fill('castle');
    await search.press('Enter');
    const message = page.getByTestId('lap-message-wards');
    await poll(() => message.textContent()).toBe('Castle is already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.');
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await wardCount()).toBe('0');
    expect((await featureState(CASTLE)).member).toBeFalsy();
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).wardCount).toBe(0);
    expect((await lapNamed(WEST_SET, 'N4'))!.wards.map((w) => w.code)).toContain(CASTLE);
    // The failed change is not on the undo stack.
    expect(await page.getByRole('button', { name: 'Undo create Northampton centre' }).count()).toBe(1);

    // From the map: zoom to Castle and click it.
    const [w, south, e, n] = await wardBounds(h.backend, CASTLE);
    await page.evaluate((center) => window.__lapMap!.map.jumpTo({ center, zoom: 12.5 }), [(w + e) / 2, (south + n) / 2] as [number, number]);
    await mapIdle(page);
    await clickWard(CASTLE);
    await poll(() => page.getByTestId('status-line').textContent()).toContain('Castle is already in N4');
    expect(await message.textContent()).toContain('already in N4');
    expect((await h.backend.handlers['laps.get']({ id: lap.id })).wardCount).toBe(0);
    expect((await featureState(CASTLE)).member).toBeFalsy();
  });

  it('recolours, writes notes and copies a LAP: saved at once, and each can be undone', async () => {
    const n4 = (await lapNamed(WEST_SET, 'N4'))!;
    await lapOption('N4').click();
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('N4');

    // Colour: a palette swatch, saved and drawn on the map.
    await page.getByRole('radio', { name: 'Purple' }).click();
    await poll(async () => (await h.backend.handlers['laps.get']({ id: n4.id })).colour).toBe('#7570b3');
    await poll(() => page.evaluate(() => window.__lapMap!.map.getGlobalState().memberColour)).toBe('#7570b3');
    await page.getByRole('button', { name: 'Undo colour of N4' }).click();
    await poll(async () => (await h.backend.handlers['laps.get']({ id: n4.id })).colour).toBe(n4.colour);
    await poll(() => page.getByRole('radio', { name: 'Teal' }).isChecked()).toBe(true);

    // Notes: saved when the field is left (and while typing, after a pause).
    const notes = page.getByLabel('Notes');
    expect(await notes.inputValue()).toBe(n4.notes);
    await notes.fill('Meets monthly at the Guildhall.');
    await notes.blur();
    await poll(async () => (await h.backend.handlers['laps.get']({ id: n4.id })).notes).toBe('Meets monthly at the Guildhall.');
    await page.getByRole('button', { name: 'Undo notes of N4' }).click();
    await poll(async () => (await h.backend.handlers['laps.get']({ id: n4.id })).notes).toBe(n4.notes);
    await poll(() => notes.inputValue()).toBe(n4.notes);

    // Copy: an official LAP's copy goes to the working groups (official LAPs cannot share wards), and is shown there.
    await page.getByRole('button', { name: 'Make a copy' }).click();
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('N4 (copy)');
    expect(await page.getByTestId('lap-message-list').textContent()).toBe(
      'The copy, N4 (copy), is in My working groups: LAPs in an official set cannot share wards.',
    );
    const copy = (await lapNamed(CUSTOM_SET, 'N4 (copy)'))!;
    expect(copy.wards.map((w) => w.code)).toEqual(n4.wards.map((w) => w.code));
    await page.getByRole('button', { name: 'Undo copy N4' }).click();
    await poll(async () => (await lapNamed(CUSTOM_SET, 'N4 (copy)')) === undefined).toBe(true);
    await poll(() => lapOption('N4 (copy)').count()).toBe(0);
    // The undo has finished when Redo offers it back; only then move on, as a person would.
    await page.getByRole('button', { name: 'Redo copy N4' }).waitFor();
    await chooseSet(WEST_SET);
    await poll(() => lapOption('N4').count()).toBe(1);
  });

  it('exports the West set as JSON, and importing it after deleting its LAPs brings back the same LAPs', async () => {
    const setId = await setIdOf(WEST_SET);
    const strip = (laps: Lap[]) => laps.map((l) => ({ name: l.name, colour: l.colour, notes: l.notes, wards: l.wards.map((w) => w.code) }));
    const before = strip(await h.backend.handlers['laps.list']({ setId }));
    expect(before.map((l) => l.name)).toEqual(['DSN4', 'N4', 'Northampton centre']);

    await page.getByLabel('File type').selectOption('json');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the whole set' }).click()]);
    expect(download.suggestedFilename()).toBe('West Northamptonshire LAPs.json');
    const file = path.join(RESULTS_DIR, 'lap-builder-export.json');
    await download.saveAs(file);
    const content = readFileSync(file, 'utf8');
    const parsed = JSON.parse(content) as { format: string; laps: { name: string }[] };
    expect(parsed.format).toBe('lap-insight-laps/1');
    expect(parsed.laps.map((l) => l.name)).toEqual(['DSN4', 'N4', 'Northampton centre']);
    await poll(() => page.getByTestId('lap-message-transfer').textContent()).toContain('Saved West Northamptonshire LAPs.json (3 LAPs)');

    // Delete every LAP of the set, each with a confirmation naming it.
    for (const name of ['DSN4', 'N4', 'Northampton centre']) {
      await lapOption(name).click();
      await page.getByRole('button', { name: 'Delete LAP…' }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${name}?` });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: `Delete ${name}` }).click();
      await confirm.waitFor({ state: 'hidden' });
      await poll(() => lapOption(name).count()).toBe(0);
    }
    expect(await h.backend.handlers['laps.list']({ setId })).toEqual([]);
    await poll(() => page.getByText(`${WEST_SET} has no LAPs yet.`).count()).toBe(1);

    // Import the file back.
    await page.getByRole('button', { name: 'Import LAPs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import LAPs' });
    await dialog.getByLabel('LAP file').setInputFiles({ name: 'West Northamptonshire LAPs.json', mimeType: 'application/json', buffer: Buffer.from(content) });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(async () => strip(await h.backend.handlers['laps.list']({ setId }))).toEqual(before);
    await poll(() => lapList().getByRole('option').count()).toBe(3);
    // The imported LAPs are marked, and the first is selected.
    expect(await lapList().locator('.badge').count()).toBe(3);
    expect(await lapOption('DSN4').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('lap-message-transfer').textContent()).toContain('Imported 3 LAPs from West Northamptonshire LAPs.json');

    // A file with a problem is refused plainly, and nothing is imported.
    await page.getByRole('button', { name: 'Import LAPs…' }).click();
    await dialog.getByLabel('LAP file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something-else"}') });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await poll(() => dialog.getByTestId('import-error').textContent()).toContain('broken.json is not a LAP Insight LAP file');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(strip(await h.backend.handlers['laps.list']({ setId }))).toEqual(before);
  });

  it('works from the keyboard: tabs with the arrow keys, the LAP list with arrows, Home/End and Escape', async () => {
    const wardsTab = page.getByRole('tab', { name: 'Wards' });
    const lapsTab = page.getByRole('tab', { name: 'LAPs' });
    await lapsTab.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await wardsTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Wards');
    await page.getByRole('combobox', { name: 'Ward name or code' }).waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await lapsTab.getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('LAP set').waitFor();
    // End and Home go to the last and first tabs (Wards, LAPs, Profile, Data).
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Data' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    expect(await wardsTab.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await lapsTab.getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('LAP set').waitFor();

    // Tab onwards to the LAP list.
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'listbox'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('LAPs');
    await page.keyboard.press('Home');
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('DSN4');
    await page.keyboard.press('ArrowDown');
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('N4');
    expect(await lapOption('N4').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('Northampton centre');
    await page.keyboard.press('ArrowUp');
    await poll(() => page.getByLabel('LAP name').inputValue()).toBe('N4');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('lap-editor').count()).toBe(0);

    // Ctrl+Z and Ctrl+Shift+Z with the focus on the list: undo and redo the import.
    await page.keyboard.press('Control+Z');
    await poll(() => lapList().getByRole('option').count()).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await poll(async () => (await h.backend.handlers['laps.list']({ setId: await setIdOf(WEST_SET) })).length).toBe(3);
    await poll(() => lapList().getByRole('option').count()).toBe(3);
  });

  it('made no request beyond 127.0.0.1 and logged no errors', async () => {
    writeFileSync(path.join(RESULTS_DIR, 'lap-builder-requests.txt'), `${h.requests.join('\n')}\n`);
    expect(h.log.offline).toEqual([]);
    expect(h.log.httpErrors).toEqual([]);
    expect(h.log.consoleErrors).toEqual([]);
    expect(await page.evaluate(() => window.__lapMap!.errors)).toEqual([]);
  });
});
