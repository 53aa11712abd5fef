// @vitest-environment jsdom
/**
 * The map area (renderer/src/components/MapView.tsx) with a stand-in WardMap (maplibre cannot run in jsdom):
 * useMapBindings binds every feature to the one map while it exists (the selection, hover, the LAP builder, the
 * profile, the places) and unbinds them all when it goes; a map that cannot be drawn says so.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Geography } from '../../shared/domain.ts';
import { N4, WEST_SET } from './fixtures.ts';
import { storeResetter, stubBackend, stubLayout } from './helpers.ts';

/** Records what the features ask of the map, and lets a test act as the user on it. */
const fake = vi.hoisted(() => {
  type Listener = (...args: never[]) => void;
  class FakeWardMap {
    static instances: FakeWardMap[] = [];
    static failWith: string | null = null;
    calls: [string, ...unknown[]][] = [];
    listeners = new Map<string, Set<Listener>>();
    destroyed = false;
    constructor(
      readonly container: HTMLElement,
      _geography: unknown,
      readonly handlers: { onLoad?(): void } = {},
    ) {
      if (FakeWardMap.failWith) throw new Error(FakeWardMap.failWith);
      FakeWardMap.instances.push(this);
    }
    private listen(kind: string, listener: Listener): () => void {
      const set = this.listeners.get(kind) ?? new Set();
      this.listeners.set(kind, set);
      set.add(listener);
      return () => set.delete(listener);
    }
    /** Listeners still subscribed, of every kind. */
    listening(): number {
      return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
    }
    emit(kind: string, ...args: unknown[]): void {
      for (const l of this.listeners.get(kind) ?? []) (l as (...a: unknown[]) => void)(...args);
    }
    called(method: string): unknown[][] {
      return this.calls.filter((c) => c[0] === method).map((c) => c.slice(1));
    }
    onHover(l: Listener) {
      return this.listen('hover', l);
    }
    onWardClick(l: Listener) {
      return this.listen('click', l);
    }
    onWardsPicked(l: Listener) {
      return this.listen('picked', l);
    }
    onPlaceClick(l: Listener) {
      return this.listen('place', l);
    }
    overlayHost() {
      return this.container.parentElement ?? this.container;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  // Every setter and camera move is recorded; none may be called once the map is destroyed.
  for (const method of [
    'setSelected',
    'flyToWard',
    'fitCouncils',
    'setLapMode',
    'setEditing',
    'setTool',
    'setMembers',
    'setCoverage',
    'setLapOutlines',
    'fitWards',
    'setProfileArea',
    'setChoropleth',
    'showPopup',
    'showPlacePopup',
    'closePopup',
    'closePlacePopup',
    'setPlaces',
    'setSelectedPlace',
    'flyToPoint',
    'resize',
  ]) {
    Object.defineProperty(FakeWardMap.prototype, method, {
      value(this: FakeWardMap, ...args: unknown[]) {
        if (this.destroyed) throw new Error(`${method} called on a destroyed map`);
        this.calls.push([method, ...args]);
      },
    });
  }
  return { FakeWardMap };
});

vi.mock('../../renderer/src/map/WardMap.ts', () => ({ WardMap: fake.FakeWardMap }));

const { MapView } = await import('../../renderer/src/components/MapView.tsx');
const { useSelectionStore } = await import('../../renderer/src/wards/selectionStore.ts');
const { useLapsStore } = await import('../../renderer/src/laps/store.ts');
const { useUiStore } = await import('../../renderer/src/shell/uiStore.ts');
const { useProfileMapStore } = await import('../../renderer/src/profile/mapStore.ts');
const { usePlacesStore } = await import('../../renderer/src/places/store.ts');

const resetStores = storeResetter(useSelectionStore, useLapsStore, useUiStore, useProfileMapStore, usePlacesStore);

const geography = {
  wards: { type: 'FeatureCollection', features: [] },
  authorities: { type: 'FeatureCollection', features: [] },
  labels: { type: 'FeatureCollection', features: [] },
  bounds: [-1.5, 51.9, -0.3, 52.7],
  attribution: 'Contains OS data',
} satisfies Geography;

const CASTLE = { code: 'E05013246', name: 'Castle', authorityName: 'West Northamptonshire', x: 20, y: 30 };

function theMap() {
  expect(fake.FakeWardMap.instances).toHaveLength(1);
  return fake.FakeWardMap.instances[0]!;
}

beforeEach(() => {
  stubLayout();
  localStorage.clear();
  resetStores();
  fake.FakeWardMap.instances = [];
  fake.FakeWardMap.failWith = null;
});

afterEach(cleanup);

describe('MapView', () => {
  it('keeps the map and the selection in step both ways, with the hovered ward in a tooltip', () => {
    stubBackend({});
    render(<MapView geography={geography} />);
    const map = theMap();
    expect(screen.getByRole('status').textContent).toBe('Drawing the map…');

    act(() => useSelectionStore.getState().select(CASTLE.code, { fly: true }));
    expect(map.called('setSelected').at(-1)).toEqual([CASTLE.code]);
    expect(map.called('flyToWard')).toEqual([[CASTLE.code]]);

    act(() => map.emit('click', null));
    expect(useSelectionStore.getState().selectedCode).toBeNull();
    act(() => map.emit('click', CASTLE.code));
    expect(useSelectionStore.getState().selectedCode).toBe(CASTLE.code);

    act(() => map.emit('hover', CASTLE));
    expect(screen.getByRole('tooltip').textContent).toBe('CastleWest Northamptonshire');
    act(() => map.emit('hover', null));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('binds the LAP builder: on the LAPs tab a click opens the LAP the ward is in, and the edited LAP is drawn', () => {
    stubBackend({});
    useLapsStore.setState({ status: 'ready', sets: [WEST_SET], setId: WEST_SET.id, laps: [N4] });
    useUiStore.setState({ panel: 'laps' });
    render(<MapView geography={geography} />);
    const map = theMap();
    expect(map.called('setLapMode').at(-1)).toEqual([true]);

    act(() => map.emit('click', CASTLE.code));
    expect(useLapsStore.getState().activeLapId).toBe(N4.id);
    // The selection is for the other tabs.
    expect(useSelectionStore.getState().selectedCode).toBeNull();
    expect(map.called('setEditing').at(-1)).toEqual([true]);
    expect(map.called('setMembers').at(-1)).toEqual([N4.wards.map((w) => w.code), N4.colour]);

    act(() => useUiStore.getState().setPanel('wards'));
    expect(map.called('setLapMode').at(-1)).toEqual([false]);
    expect(map.called('setEditing').at(-1)).toEqual([false]);
  });

  it('binds the profile and the places too, and loads the places', () => {
    const backend = stubBackend({});
    render(<MapView geography={geography} />);
    const map = theMap();
    expect(useProfileMapStore.getState().host).toBe(map.overlayHost());
    expect(map.called('setProfileArea')).toEqual([[null]]);
    expect(map.called('setPlaces')).toEqual([[null]]);
    expect(backend.calls.map((c) => c.channel)).toContain('places.map');

    const surgery = { type: 'Feature' as const, id: 42, geometry: { type: 'Point' as const, coordinates: [-0.9, 52.24] as [number, number] }, properties: { id: 42, name: 'Abington Surgery', category: 'gp' as const, ward: CASTLE.code } };
    act(() => usePlacesStore.setState({ map: { type: 'FeatureCollection', features: [surgery] } }));
    expect(map.called('setPlaces').at(-1)?.[0]).toMatchObject({ features: [{ id: 42 }] });

    // A click on a place on the map opens its popup there.
    act(() => map.emit('place', 42));
    expect(usePlacesStore.getState().focus?.placeId).toBe(42);
    expect(map.called('showPlacePopup').at(-1)?.[0]).toEqual(surgery.geometry.coordinates);
  });

  it('unbinds every feature before the map goes, and nothing reaches it afterwards', () => {
    stubBackend({});
    const view = render(<MapView geography={geography} />);
    const map = theMap();
    act(() => map.emit('hover', CASTLE));
    expect(map.listening()).toBeGreaterThanOrEqual(5);

    view.unmount();
    expect(map.destroyed).toBe(true);
    expect(map.listening()).toBe(0);
    expect(useSelectionStore.getState().hovered).toBeNull();
    expect(useProfileMapStore.getState().host).toBeNull();
    // A destroyed map throws on any call: store changes no longer reach it.
    useSelectionStore.getState().select(CASTLE.code, { fly: true });
    useUiStore.getState().setPanel('laps');
  });

  it('enables "Zoom to fit both councils" once the map has loaded', () => {
    stubBackend({});
    render(<MapView geography={geography} />);
    const map = theMap();
    const fit = screen.getByRole('button', { name: 'Zoom to fit both councils' });
    expect(fit.hasAttribute('disabled')).toBe(true);

    act(() => map.handlers.onLoad?.());
    expect(screen.queryByText('Drawing the map…')).toBeNull();
    expect(fit.hasAttribute('disabled')).toBe(false);
    fireEvent.click(fit);
    expect(map.called('fitCouncils')).toEqual([[]]);
  });

  it('says so when the map cannot be drawn, and still loads the places', () => {
    const backend = stubBackend({});
    fake.FakeWardMap.failWith = 'WebGL is not supported';
    render(<MapView geography={geography} />);

    expect(fake.FakeWardMap.instances).toHaveLength(0);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The map cannot be shown on this computer.');
    expect(alert.textContent).toContain('Technical detail: WebGL is not supported');
    expect(backend.calls.map((c) => c.channel)).toContain('places.map');
  });
});
