/**
 * Drag gestures that pick wards: a box (Shift-drag, or a plain drag with the Box tool) and a lasso (a plain drag
 * with the Lasso tool). The picker draws the shape in an SVG overlay on the map and reports it in map-container
 * pixels when the mouse is released. It never touches maplibre: WardMap starts it from maplibre's `mousedown`
 * (after preventing the map's own drag-pan) and turns the shape into wards.
 */

export type PickShape = { kind: 'box'; from: [number, number]; to: [number, number] } | { kind: 'lasso'; points: [number, number][] };

/** Drags shorter than this (pixels) are clicks, not picks. */
const MIN_DRAG = 5;
const SVG_NS = 'http://www.w3.org/2000/svg';

export class DragPicker {
  private readonly svg: SVGSVGElement;
  private readonly shape: SVGPathElement;
  private active: { kind: 'box' | 'lasso'; points: [number, number][]; cleanup: () => void } | null = null;
  /** When the last real drag (not a click) ended, from performance.now(). */
  private dragEndedAt = -Infinity;

  constructor(
    private readonly container: HTMLElement,
    private readonly onPick: (shape: PickShape) => void,
  ) {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'map-pick-overlay');
    this.svg.setAttribute('aria-hidden', 'true');
    this.shape = document.createElementNS(SVG_NS, 'path');
    this.shape.setAttribute('class', 'map-pick-shape');
    this.svg.appendChild(this.shape);
    this.svg.style.display = 'none';
    container.appendChild(this.svg);
  }

  get dragging(): boolean {
    return this.active !== null;
  }

  /**
   * True just after a drag ended: the browser then fires a click at the mouse-up point (a closed lasso ends where
   * it began), which must not count as clicking a ward.
   */
  justDragged(): boolean {
    return performance.now() - this.dragEndedAt < 400;
  }

  /** Starts a drag at a mouse-down event (client coordinates are converted to the container's). */
  start(kind: 'box' | 'lasso', event: MouseEvent): void {
    this.cancel();
    const at = this.local(event);
    const points: [number, number][] = [at];
    const move = (e: MouseEvent) => {
      e.preventDefault();
      const p = this.local(e);
      if (kind === 'box') points[1] = p;
      else {
        const last = points[points.length - 1]!;
        if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= 3) points.push(p);
      }
      this.draw(kind, points);
    };
    const up = (e: MouseEvent) => {
      if (kind === 'box') points[1] = this.local(e);
      else points.push(this.local(e));
      this.finish();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      this.cancel();
    };
    window.addEventListener('mousemove', move, true);
    window.addEventListener('mouseup', up, true);
    window.addEventListener('keydown', key, true);
    const cleanup = () => {
      window.removeEventListener('mousemove', move, true);
      window.removeEventListener('mouseup', up, true);
      window.removeEventListener('keydown', key, true);
      this.svg.style.display = 'none';
      this.shape.setAttribute('d', '');
    };
    this.active = { kind, points, cleanup };
  }

  cancel(): void {
    this.active?.cleanup();
    this.active = null;
  }

  destroy(): void {
    this.cancel();
    this.svg.remove();
  }

  private finish(): void {
    const active = this.active;
    if (!active) return;
    active.cleanup();
    this.active = null;
    const { kind, points } = active;
    const first = points[0]!;
    const extent = points.reduce((m, p) => Math.max(m, Math.abs(p[0] - first[0]), Math.abs(p[1] - first[1])), 0);
    if (extent < MIN_DRAG) return;
    this.dragEndedAt = performance.now();
    if (kind === 'box') this.onPick({ kind: 'box', from: first, to: points[1] ?? first });
    else if (points.length >= 3) this.onPick({ kind: 'lasso', points });
  }

  private draw(kind: 'box' | 'lasso', points: [number, number][]): void {
    this.svg.style.display = 'block';
    let d: string;
    if (kind === 'box') {
      const [a, b] = [points[0]!, points[1] ?? points[0]!];
      d = `M${a[0]},${a[1]}H${b[0]}V${b[1]}H${a[0]}Z`;
    } else {
      d = `M${points.map((p) => `${p[0]},${p[1]}`).join('L')}Z`;
    }
    this.shape.setAttribute('d', d);
  }

  private local(event: MouseEvent): [number, number] {
    const rect = this.container.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }
}
