// @vitest-environment jsdom
/**
 * The LAPs tab (renderer/src/components/laps/LapsPanel.tsx) against a stand-in backend: the set's LAPs, the wards
 * in no LAP, an empty set, opening a LAP to edit it, and a set that cannot be loaded.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LapsPanel } from '../../renderer/src/components/laps/LapsPanel.tsx';
import { useLapsStore } from '../../renderer/src/laps/store.ts';
import { coverage, EMPTY_LAP, N4, NORTH_SET, outlines, WEST_SET } from './fixtures.ts';
import { Refusal, storeResetter, stubBackend, stubLayout, type StubAnswers } from './helpers.ts';

const resetStores = storeResetter(useLapsStore);

const answers: StubAnswers = {
  'lapSets.list': () => [WEST_SET, NORTH_SET],
  'laps.list': ({ setId }) => (setId === WEST_SET.id ? [N4, EMPTY_LAP] : []),
  'laps.outlines': ({ setId }) => outlines(setId!),
  'lapSets.coverage': ({ id }) =>
    id === WEST_SET.id
      ? coverage(WEST_SET, [
          { code: 'E05013240', name: 'Billing and Rectory Farm' },
          { code: 'E05013241', name: 'Boothville and Parklands' },
        ])
      : coverage(NORTH_SET, [], 26),
};

beforeEach(() => {
  stubLayout();
  localStorage.clear();
  resetStores();
});

afterEach(cleanup);

describe('LAPs tab', () => {
  it("lists the set's LAPs with their wards and people, and the wards in no LAP yet", async () => {
    stubBackend(answers);
    render(<LapsPanel />);

    const list = await screen.findByRole('listbox', { name: 'LAPs' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['N44 wards · 42,750 people', 'N10no wards yet']);
    expect(screen.getByRole('heading', { name: 'LAPs in this set' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New LAP' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByRole('combobox', { name: 'LAP set' })).toHaveProperty('value', String(WEST_SET.id));
    expect(screen.getByText('2 LAPs. Official LAPs for West Northamptonshire: each ward can be in only one LAP.')).toBeTruthy();
    expect(screen.getByText('2 of 31 West Northamptonshire wards are in no LAP yet.')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Hatch the wards in no LAP on the map' })).toBeTruthy();
    // Nothing is being edited yet.
    expect(screen.queryByTestId('lap-editor')).toBeNull();
  });

  it('opens a LAP to edit when it is chosen in the list', async () => {
    stubBackend(answers);
    render(<LapsPanel />);

    fireEvent.click(await screen.findByRole('option', { name: /^N4/ }));
    const editor = await screen.findByTestId('lap-editor');
    expect(within(editor).getByRole('heading', { name: 'Editing this LAP' })).toBeTruthy();
    expect(within(editor).getByTestId('lap-ward-count').textContent).toBe('4');
    expect(within(editor).getByTestId('lap-population').textContent).toBe('42,750 (Census 2021)');
    expect(screen.getByRole('option', { name: /^N4/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('button', { name: 'Export N4' })).toBeTruthy();

    fireEvent.click(within(editor).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('lap-editor')).toBeNull();
  });

  it('says when a set has no LAPs yet, and offers nothing to export', async () => {
    stubBackend(answers);
    localStorage.setItem('lap-insight.lapSet', String(NORTH_SET.id));
    render(<LapsPanel />);

    expect(await screen.findByText('North Northamptonshire LAPs has no LAPs yet.')).toBeTruthy();
    expect(screen.queryByRole('listbox', { name: 'LAPs' })).toBeNull();
    expect(screen.getByText('All 26 North Northamptonshire wards are in a LAP.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export the whole set' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'New LAP' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows why the LAPs could not be loaded, and Try again loads them', async () => {
    const backend = stubBackend({
      ...answers,
      'lapSets.list': () => {
        throw new Refusal('internal', 'The database is busy. Try again in a moment.');
      },
    });
    render(<LapsPanel />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The LAPs could not be loaded.');
    expect(alert.textContent).toContain('The database is busy. Try again in a moment.');

    backend.answer({ 'lapSets.list': answers['lapSets.list'] });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('listbox', { name: 'LAPs' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
