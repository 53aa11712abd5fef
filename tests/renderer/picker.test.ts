// @vitest-environment jsdom
/**
 * Picking wards on the map: the planar helpers the lasso and the labels use (renderer/src/map/geometry.ts) and the
 * drag gestures (renderer/src/map/picker.ts): a box or lasso is reported in map-container pixels on mouse-up, a
 * short drag is a click, Escape cancels.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pointInRing, pointsBounds, poleOfInaccessibility, polygonLabelPoint } from '../../renderer/src/map/geometry.ts';
import { DragPicker, type PickShape } from '../../renderer/src/map/picker.ts';

const square: [number, number][] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];

/** A U: two 2-wide arms joined along the bottom, with the gap 2 < x < 8 above y = 2. */
const u: [number, number][] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [8, 10],
  [8, 2],
  [2, 2],
  [2, 10],
  [0, 10],
];

describe('pointInRing', () => {
  it('finds points inside a ring and not outside it, with or without the closing point', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([11, 5], square)).toBe(false);
    expect(pointInRing([-0.1, 5], square)).toBe(false);
    expect(pointInRing([5, 5], [...square, square[0]!])).toBe(true);
  });

  it('follows a concave lasso: the gap of a U is outside', () => {
    expect(pointInRing([1, 8], u)).toBe(true);
    expect(pointInRing([9, 8], u)).toBe(true);
    expect(pointInRing([5, 1], u)).toBe(true);
    expect(pointInRing([5, 8], u)).toBe(false);
  });

  it('works the same whichever way the ring is drawn', () => {
    const reversed = [...u].reverse();
    for (const p of [
      [1, 8],
      [5, 8],
      [5, 1],
      [12, 1],
    ]) {
      expect(pointInRing(p, reversed)).toBe(pointInRing(p, u));
    }
  });
});

describe('polygonLabelPoint', () => {
  it('is the centroid of the ring, in either direction', () => {
    expect(polygonLabelPoint(square)).toEqual([5, 5]);
    expect(polygonLabelPoint([...square].reverse())).toEqual([5, 5]);
    const [x, y] = polygonLabelPoint([
      [0, 0],
      [4, 0],
      [0, 3],
    ])!;
    expect(x).toBeCloseTo(4 / 3);
    expect(y).toBeCloseTo(1);
  });

  it('is null for a ring with no area', () => {
    expect(
      polygonLabelPoint([
        [0, 0],
        [5, 5],
        [10, 10],
      ]),
    ).toBeNull();
  });
});

describe('pointsBounds', () => {
  it('is [minX, minY, maxX, maxY]', () => {
    expect(
      pointsBounds([
        [3, -1],
        [-2, 4],
        [5, 2],
      ]),
    ).toEqual([-2, -1, 5, 4]);
  });
});

describe('poleOfInaccessibility', () => {
  it('is near the middle of a square', () => {
    const [x, y] = poleOfInaccessibility([square])!;
    expect(x).toBeCloseTo(5, 0);
    expect(y).toBeCloseTo(5, 0);
  });

  it('lies inside a U, where the centroid does not', () => {
    const centroid = polygonLabelPoint(u)!;
    expect(pointInRing(centroid, u)).toBe(false);
    const pole = poleOfInaccessibility([u])!;
    expect(pointInRing(pole, u)).toBe(true);
  });

  it('keeps out of a hole', () => {
    const hole: [number, number][] = [
      [3, 3],
      [7, 3],
      [7, 7],
      [3, 7],
    ];
    const pole = poleOfInaccessibility([square, hole])!;
    expect(pointInRing(pole, square)).toBe(true);
    expect(pointInRing(pole, hole)).toBe(false);
  });

  it('is null for fewer than three points', () => {
    expect(
      poleOfInaccessibility([
        [
          [0, 0],
          [1, 1],
        ],
      ]),
    ).toBeNull();
    expect(poleOfInaccessibility([])).toBeNull();
  });
});

describe('DragPicker', () => {
  let container: HTMLDivElement;
  let picked: PickShape[];
  let picker: DragPicker;

  const mouse = (type: string, clientX: number, clientY: number) => new MouseEvent(type, { clientX, clientY, bubbles: true, cancelable: true });

  beforeEach(() => {
    container = document.createElement('div');
    // The map container sits 100 px from the left and 50 px from the top of the window.
    container.getBoundingClientRect = () => ({ left: 100, top: 50, right: 900, bottom: 650, width: 800, height: 600, x: 100, y: 50, toJSON: () => ({}) });
    document.body.append(container);
    picked = [];
    picker = new DragPicker(container, (shape) => picked.push(shape));
  });

  afterEach(() => {
    picker.destroy();
    container.remove();
  });

  it('reports a box in container pixels when the mouse is released, and draws it meanwhile', () => {
    picker.start('box', mouse('mousedown', 110, 60));
    expect(picker.dragging).toBe(true);
    window.dispatchEvent(mouse('mousemove', 200, 120));
    expect(container.querySelector('path')?.getAttribute('d')).toBe('M10,10H100V70H10Z');
    window.dispatchEvent(mouse('mouseup', 210, 130));
    expect(picked).toEqual([{ kind: 'box', from: [10, 10], to: [110, 80] }]);
    expect(picker.dragging).toBe(false);
    // The click the browser fires after the drag is not a ward click.
    expect(picker.justDragged()).toBe(true);
  });

  it('reports a lasso with the points drawn', () => {
    picker.start('lasso', mouse('mousedown', 100, 50));
    window.dispatchEvent(mouse('mousemove', 140, 50));
    window.dispatchEvent(mouse('mousemove', 141, 50)); // under 3 px from the last point: not kept
    window.dispatchEvent(mouse('mousemove', 140, 90));
    window.dispatchEvent(mouse('mouseup', 100, 90));
    expect(picked).toEqual([
      {
        kind: 'lasso',
        points: [
          [0, 0],
          [40, 0],
          [40, 40],
          [0, 40],
        ],
      },
    ]);
  });

  it('treats a drag shorter than 5 px as a click: nothing is picked', () => {
    picker.start('box', mouse('mousedown', 110, 60));
    window.dispatchEvent(mouse('mousemove', 113, 62));
    window.dispatchEvent(mouse('mouseup', 113, 62));
    expect(picked).toEqual([]);
    expect(picker.justDragged()).toBe(false);
  });

  it('Escape cancels the drag: nothing is picked and the shape goes', () => {
    picker.start('lasso', mouse('mousedown', 100, 50));
    window.dispatchEvent(mouse('mousemove', 200, 50));
    window.dispatchEvent(mouse('mousemove', 200, 150));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(picker.dragging).toBe(false);
    window.dispatchEvent(mouse('mouseup', 100, 150));
    expect(picked).toEqual([]);
    expect(container.querySelector('path')?.getAttribute('d')).toBe('');
  });

  it('stops listening once destroyed, and takes its overlay away', () => {
    picker.start('box', mouse('mousedown', 110, 60));
    picker.destroy();
    window.dispatchEvent(mouse('mouseup', 400, 400));
    expect(picked).toEqual([]);
    expect(container.querySelector('svg')).toBeNull();
  });
});
