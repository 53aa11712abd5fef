// @vitest-environment jsdom
/**
 * The Profile tab (renderer/src/components/profile/ProfilePanel.tsx) and its comparison with a second LAP
 * (ComparePanel.tsx) against a stand-in backend: no LAP to profile yet, a LAP's profile, a profile that cannot be
 * made, and the comparison (nothing chosen, a verdict, an error).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComparePanel } from '../../renderer/src/components/profile/ComparePanel.tsx';
import { ProfilePanel } from '../../renderer/src/components/profile/ProfilePanel.tsx';
import { useLapsStore } from '../../renderer/src/laps/store.ts';
import { usePlacesStore } from '../../renderer/src/places/store.ts';
import { useChoroplethStore } from '../../renderer/src/profile/choroplethStore.ts';
import { useCompareStore } from '../../renderer/src/profile/compareStore.ts';
import { useExportStore } from '../../renderer/src/profile/exportStore.ts';
import { useProfileStore } from '../../renderer/src/profile/store.ts';
import { useProfileViewStore } from '../../renderer/src/profile/viewStore.ts';
import { comparison, DSN4, EMPTY_LAP, N4, N4_PROFILE, SMOKING, WEST_SET } from './fixtures.ts';
import { Refusal, storeResetter, stubBackend, stubLayout, type StubAnswers } from './helpers.ts';

const resetStores = storeResetter(useProfileStore, useCompareStore, useProfileViewStore, useChoroplethStore, useExportStore, useLapsStore, usePlacesStore);

const answers: StubAnswers = {
  'lapSets.list': () => [WEST_SET],
  'laps.list': () => [N4, DSN4, EMPTY_LAP],
  'laps.outlines': () => ({ setId: WEST_SET.id, type: 'FeatureCollection', features: [] }),
  'laps.pins.get': ({ lapId }) => ({ lapId, pins: [] }),
  'indicators.list': () => [],
  'profile.get': () => N4_PROFILE,
};

beforeEach(() => {
  stubLayout();
  localStorage.clear();
  resetStores();
});

afterEach(cleanup);

describe('Profile tab', () => {
  it('asks for a LAP when none is chosen, and says so when no LAP has wards yet', async () => {
    stubBackend({ ...answers, 'laps.list': () => [EMPTY_LAP] });
    useProfileStore.setState({ kind: 'lap', target: null });
    render(<ProfilePanel />);

    const empty = await screen.findByTestId('profile-empty');
    expect(empty.textContent).toContain('Choose a LAP to see its profile.');
    expect(empty.textContent).toContain('There is no LAP with wards yet.');
  });

  it("shows the chosen LAP's profile: its name, wards, the benchmark switch and its indicators", async () => {
    const backend = stubBackend(answers);
    useProfileStore.setState({ kind: 'lap', target: { kind: 'lap', id: N4.id } });
    render(<ProfilePanel />);

    expect((await screen.findByTestId('profile-name')).textContent).toBe('N4');
    expect(screen.getByText('4 wards: Abington and Phippsville, Castle, Dallington Spencer and St. George')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Own council' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('profile-population').textContent).toContain('42,750');
    expect(screen.getByTestId('profile-worse').textContent).toContain('1');
    // The indicator, with its value.
    const rows = document.querySelectorAll(`[data-indicator-id="${SMOKING.id}"]`);
    expect(rows.length).toBeGreaterThan(0);
    expect(within(rows[0] as HTMLElement).getByTestId('indicator-value').textContent).toContain('21.4');
    expect(backend.argsOf('profile.get')).toEqual([{ area: { kind: 'lap', id: N4.id }, benchmark: 'own' }]);
    expect(screen.queryByRole('alert', { name: /could not be made/ })).toBeNull();
  });

  it('shows why the profile could not be made, and Try again makes it', async () => {
    const backend = stubBackend({
      ...answers,
      'profile.get': () => {
        throw new Refusal('internal', 'The profile service stopped.');
      },
    });
    useProfileStore.setState({ kind: 'lap', target: { kind: 'lap', id: N4.id } });
    render(<ProfilePanel />);

    const problem = (await screen.findByText('The profile could not be made.')).closest('[role="alert"]') as HTMLElement;
    expect(problem.textContent).toContain('The profile service stopped.');

    backend.answer({ 'profile.get': answers['profile.get'] });
    fireEvent.click(within(problem).getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('profile-name')).textContent).toBe('N4');
  });
});

describe('Compare with another LAP', () => {
  function renderCompare() {
    useProfileStore.setState({
      target: { kind: 'lap', id: N4.id },
      sets: [WEST_SET],
      lapChoices: [N4, DSN4, EMPTY_LAP].map((l) => ({ id: l.id, name: l.name, setId: l.set.id, setName: l.set.name, colour: l.colour, wardCodes: l.wards.map((w) => w.code), updatedAt: l.updatedAt })),
    });
    return render(<ComparePanel profile={N4_PROFILE} />);
  }

  it('offers the other LAPs with wards, and explains what choosing one does', () => {
    stubBackend({});
    renderCompare();

    const select = screen.getByRole('combobox', { name: 'Compare N4 with' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a LAP…', 'DSN4']);
    expect(screen.getByText(/Choose a second LAP to see the two side by side/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('compares with the LAP chosen: the counts in words and each verdict', async () => {
    const backend = stubBackend({ 'profile.compare': () => comparison(true) });
    renderCompare();

    fireEvent.change(screen.getByRole('combobox', { name: 'Compare N4 with' }), { target: { value: String(DSN4.id) } });
    const table = await screen.findByRole('table');
    expect(screen.getByText(/^Of 1 indicator: N4 is significantly better on 0 and DSN4 on 1;/)).toBeTruthy();
    const row = within(table).getByRole('row', { name: /Adults who smoke/ });
    expect(within(row).getByText('DSN4 better')).toBeTruthy();
    expect(backend.argsOf('profile.compare')).toEqual([{ a: { kind: 'lap', id: N4.id }, b: { kind: 'lap', id: DSN4.id }, benchmark: 'own' }]);

    // Finding an indicator that is not there says so, with a way back.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find an indicator' }), { target: { value: 'zebra crossings' } });
    expect(screen.getByText('No indicator matches “zebra crossings”.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all indicators' }));
    expect(within(screen.getByRole('table')).getByText('DSN4 better')).toBeTruthy();
  });

  it('says when the comparison could not be made, and Try again makes it', async () => {
    const backend = stubBackend({
      'profile.compare': () => {
        throw new Refusal('not-found', 'DSN4 no longer exists.');
      },
    });
    renderCompare();

    fireEvent.change(screen.getByRole('combobox', { name: 'Compare N4 with' }), { target: { value: String(DSN4.id) } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The comparison could not be made: ');
    expect(alert.textContent).toContain('DSN4 no longer exists.');

    backend.answer({ 'profile.compare': () => comparison(false) });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(within(await screen.findByRole('table')).getByText('Similar')).toBeTruthy();
  });
});
