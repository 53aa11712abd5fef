// @vitest-environment jsdom
/**
 * The Places tab (renderer/src/components/places/PlacesPanel.tsx) against a stand-in backend: no places yet, an
 * imported list with its places to find, and places that cannot be loaded.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlacesPanel } from '../../renderer/src/components/places/PlacesPanel.tsx';
import { useLapChoicesStore } from '../../renderer/src/places/lapChoicesStore.ts';
import { usePlacesImportStore } from '../../renderer/src/places/importStore.ts';
import { usePlacesStore } from '../../renderer/src/places/store.ts';
import { HUBS, HUBS_LIST, NO_CENTRES, placeMap } from './fixtures.ts';
import { Refusal, storeResetter, stubBackend, stubLayout, type StubAnswers } from './helpers.ts';

const resetStores = storeResetter(usePlacesStore, usePlacesImportStore, useLapChoicesStore);

const none: StubAnswers = {
  'places.lists': () => [],
  'places.map': () => placeMap([]),
  'places.centres': () => NO_CENTRES,
  'places.list': () => [],
};

const hubs: StubAnswers = {
  ...none,
  'places.lists': () => [HUBS_LIST],
  'places.map': () => placeMap(HUBS),
  'places.list': () => HUBS,
};

beforeEach(() => {
  stubLayout();
  localStorage.clear();
  resetStores();
});

afterEach(cleanup);

describe('Places tab', () => {
  it('with no places yet: says what places are for, offers the import and the built-in list', async () => {
    stubBackend(none);
    render(<PlacesPanel />);

    const empty = await screen.findByTestId('places-empty');
    expect(empty.textContent).toContain('No places yet.');
    expect(screen.getByRole('heading', { name: 'Places' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import places…' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('places-builtin-restore-button')).toBeTruthy();
    expect(screen.getByTestId('centres-description').textContent).toBe(NO_CENTRES.description);
    // Nothing to filter or find.
    expect(screen.queryByTestId('place-finder')).toBeNull();
    expect(screen.queryByTestId('place-lists')).toBeNull();
  });

  it('shows the imported lists and finds places by name or postcode', async () => {
    stubBackend(hubs);
    render(<PlacesPanel />);

    const lists = await screen.findByTestId('place-lists');
    expect(within(lists).getByRole('heading', { name: 'Family hubs' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Imported lists (1)' })).toBeTruthy();
    expect(screen.queryByTestId('places-empty')).toBeNull();

    const finder = screen.getByTestId('place-finder');
    expect((await within(finder).findByTestId('place-count')).textContent).toBe('2 places');
    expect(within(finder).getByRole('button', { name: 'Castle Family Hub: show on the map' })).toBeTruthy();

    fireEvent.change(within(finder).getByLabelText('Name, address, postcode, ward or LAP'), { target: { value: 'NN1 2BB' } });
    expect(within(finder).getByTestId('place-count').textContent).toBe('1 place match');
    expect(within(finder).queryByRole('button', { name: 'Castle Family Hub: show on the map' })).toBeNull();
    expect(within(finder).getByRole('button', { name: 'Spring Boroughs Hub: show on the map' })).toBeTruthy();

    fireEvent.change(within(finder).getByLabelText('Name, address, postcode, ward or LAP'), { target: { value: 'library' } });
    expect(within(finder).getByTestId('place-count').textContent).toBe('No place matches. Try fewer words, or tick more categories.');
  });

  it('shows why the places could not be loaded, and Try again loads them', async () => {
    const backend = stubBackend({
      ...hubs,
      'places.lists': () => {
        throw new Refusal('internal', 'The database could not be read.');
      },
    });
    render(<PlacesPanel />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The places could not be loaded.');
    expect(alert.textContent).toContain('The database could not be read.');

    backend.answer({ 'places.lists': hubs['places.lists'] });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('place-lists')).toBeTruthy();
    expect(screen.queryByText('The places could not be loaded.')).toBeNull();
  });
});
