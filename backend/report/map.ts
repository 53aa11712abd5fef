/**
 * The cover map, as inline SVG drawn with d3-geo (vector, so it prints sharply and needs no network):
 *
 * - a detail map of the area and its neighbouring wards: the area's wards filled in its colour with a bold outline,
 *   member wards named in bold, neighbouring wards named, the council boundary, a scale bar;
 * - a locator map fitted to the council (fitExtent), showing where the area lies in it, with the detail map's extent.
 *
 * Pure: geometry in, SVG strings out. Every name is escaped.
 */
import { geoArea, geoBounds, geoContains, geoDistance, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Polygon, MultiPolygon, Position } from 'geojson';
import type { AuthorityCode, AuthorityFeature, GeoPolygon, WardFeature } from '../../shared/domain.ts';
import { basemapLayers, type ReportBasemap } from './basemap.ts';
import { esc, safeColour } from './escape.ts';
import { textColourOn } from './format.ts';

export const DEFAULT_AREA_COLOUR = '#1b9e77';

export interface MapGeography {
  wards: { features: WardFeature[] };
  authorities: { features: AuthorityFeature[] };
  labels?: { features: { properties: { code: string; name: string }; geometry: { coordinates: [number, number] } }[] };
}

export interface MapOptions {
  /** Ward codes of the area. */
  wardCodes: string[];
  colour?: string;
  /** The area's name, for the SVG title. */
  name: string;
  /** Sizes in CSS px (1/96 inch); text sizes are in the same units. */
  detail?: { width: number; height: number };
  locator?: { width: number; height: number };
  /** Towns, roads, railways and water under the wards (assets/basemap.json); none: plain wards. */
  basemap?: ReportBasemap | null;
}

export interface LapMaps {
  detailSvg: string;
  locatorSvg: string;
  /** Wards sharing a boundary with the area, by name. */
  neighbours: { code: string; name: string }[];
  /** Councils the area's wards belong to. */
  councils: { code: AuthorityCode; name: string }[];
}

type Ring = Position[];

/** d3-geo wants exterior rings clockwise (holes anticlockwise); GeoJSON files use the opposite. Fix per ring. */
function rewindPolygon(rings: Ring[]): Ring[] {
  return rings.map((ring, i) => {
    const area = geoArea({ type: 'Polygon', coordinates: [ring] });
    const isBig = area > 2 * Math.PI;
    // Exterior (i = 0) must be "small"; holes must be "big" (the sphere minus the hole).
    return (i === 0) === isBig ? [...ring].reverse() : ring;
  });
}

export function rewind(geometry: GeoPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates as Ring[]) };
  return { type: 'MultiPolygon', coordinates: (geometry.coordinates as Ring[][]).map(rewindPolygon) };
}

function polygons(geometry: GeoPolygon): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates as Ring[]] : (geometry.coordinates as Ring[][]);
}

const key = (p: Position) => `${p[0]!.toFixed(6)},${p[1]!.toFixed(6)}`;
const segKey = (a: Position, b: Position) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
};

/**
 * The outer boundary of a group of wards: the ring segments that belong to exactly one member ward, chained into
 * lines. Works because the bundled wards share vertices along common boundaries.
 */
export function groupOutline(members: WardFeature[]): MultiLineString {
  const count = new Map<string, number>();
  for (const w of members) {
    for (const poly of polygons(w.geometry)) {
      for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const k = segKey(ring[i]!, ring[i + 1]!);
          count.set(k, (count.get(k) ?? 0) + 1);
        }
      }
    }
  }
  const lines: Position[][] = [];
  for (const w of members) {
    for (const poly of polygons(w.geometry)) {
      for (const ring of poly) {
        let current: Position[] | null = null;
        for (let i = 0; i + 1 < ring.length; i++) {
          const outer = count.get(segKey(ring[i]!, ring[i + 1]!)) === 1;
          if (outer) {
            if (!current) {
              current = [ring[i]!];
              lines.push(current);
            }
            current.push(ring[i + 1]!);
          } else current = null;
        }
      }
    }
  }
  return { type: 'MultiLineString', coordinates: lines };
}

/** Wards that share at least one boundary point with the group (not members). */
export function neighbouringWards(all: WardFeature[], members: Set<string>): WardFeature[] {
  const memberPoints = new Set<string>();
  for (const w of all) {
    if (!members.has(w.properties.code)) continue;
    for (const poly of polygons(w.geometry)) for (const ring of poly) for (const p of ring) memberPoints.add(key(p));
  }
  return all.filter(
    (w) => !members.has(w.properties.code) && polygons(w.geometry).some((poly) => poly.some((ring) => ring.some((p) => memberPoints.has(key(p))))),
  );
}

/** Splits a long name over two lines at the space nearest its middle. */
export function wrapName(name: string, max = 16): string[] {
  if (name.length <= max || !name.includes(' ')) return [name];
  const mid = name.length / 2;
  let best = -1;
  for (let i = 0; i < name.length; i++) if (name[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return [name.slice(0, best), name.slice(best + 1)];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

interface LabelSpec {
  name: string;
  at: [number, number];
  size: number;
  bold: boolean;
  colour: string;
  /** Must be shown: if no free place is found, it goes where it fits best. */
  required?: boolean;
  /** True when a point (px) lies in the labelled ward: the label's middle must stay in it. */
  contains?: (x: number, y: number) => boolean;
  /** Settlement names: at most this far (px) from their point, or left out; set in capitals or italics. */
  near?: number;
  upper?: boolean;
  italic?: boolean;
}

/**
 * Greedy label placement: in priority order, at the point or nudged around it, never overlapping another label, inside
 * the frame, and off the area's outline where possible (`lines`: points along it). Required labels are never dropped.
 */
function placeLabels(specs: LabelSpec[], width: number, height: number, obstacles: Box[] = [], lines: [number, number][] = []): { backgrounds: string; text: string } {
  const placed: Box[] = [...obstacles];
  const out: string[] = [];
  const backgrounds: string[] = [];
  // Outline points in 10 px buckets, so a box only looks at the points near it.
  const CELL = 10;
  const buckets = new Map<string, [number, number][]>();
  for (const p of lines) {
    const k = `${Math.floor(p[0] / CELL)},${Math.floor(p[1] / CELL)}`;
    if (!buckets.has(k)) buckets.set(k, []);
    buckets.get(k)!.push(p);
  }
  const crossesLine = (b: Box) => {
    for (let cx = Math.floor((b.x0 - 2) / CELL); cx <= Math.floor((b.x1 + 2) / CELL); cx++) {
      for (let cy = Math.floor((b.y0 - 2) / CELL); cy <= Math.floor((b.y1 + 2) / CELL); cy++) {
        for (const [x, y] of buckets.get(`${cx},${cy}`) ?? []) if (x > b.x0 - 1.5 && x < b.x1 + 1.5 && y > b.y0 - 1.5 && y < b.y1 + 1.5) return true;
      }
    }
    return false;
  };
  for (const s of specs) {
    const lines2 = wrapName(s.upper ? s.name.toUpperCase() : s.name);
    const measure = (size: number) => ({
      w: Math.max(...lines2.map((l) => l.length)) * size * (s.bold ? 0.54 : s.upper ? 0.66 : 0.5) + 4,
      lineH: size * 1.1,
      h: lines2.length * size * 1.1 + 2,
    });
    // Candidate offsets: the point itself, then a grid around it, nearest first.
    const tries: [number, number][] = [[0, 0]];
    const step = 5;
    for (let dx = -120; dx <= 120; dx += step) for (let dy = -90; dy <= 90; dy += step) if (dx || dy) tries.push([dx, dy]);
    tries.sort((a, b) => Math.hypot(a[0], a[1] * 1.4) - Math.hypot(b[0], b[1] * 1.4));
    if (s.near !== undefined) tries.splice(0, tries.length, ...tries.filter(([dx, dy]) => Math.hypot(dx, dy) <= s.near!));
    const boxesFor = (size: number) => {
      const { w, h } = measure(size);
      return tries.map(([dx, dy]): Box => {
        const cx = s.at[0] + dx;
        const cy = s.at[1] + dy;
        return { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 };
      });
    };
    const inside = (b: Box) => b.x0 >= 2 && b.y0 >= 2 && b.x1 <= width - 2 && b.y1 <= height - 2;
    const free = (b: Box) => inside(b) && !placed.some((p) => overlaps(p, b));
    const own = (b: Box) => !s.contains || s.contains((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
    // Best: in its own ward, clear of other labels and of the outline; a required label may shrink a little, then
    // may cross the outline, and as a last resort sits on its point.
    let size = s.size;
    let box = boxesFor(size).find((b) => free(b) && !crossesLine(b) && own(b));
    if (!box && s.required) {
      const smaller = s.size * 0.85;
      box = boxesFor(smaller).find((b) => free(b) && !crossesLine(b) && own(b));
      if (box) size = smaller;
      else box = boxesFor(size).find((b) => free(b) && own(b)) ?? boxesFor(size).find(free) ?? boxesFor(size)[0];
    }
    if (!box) continue;
    const { w, h, lineH } = measure(size);
    placed.push(box);
    backgrounds.push(`<rect x="${(box.x0 + 1).toFixed(1)}" y="${(box.y0 + 1).toFixed(1)}" width="${(w - 2).toFixed(1)}" height="${(h - 2).toFixed(1)}" rx="2"/>`);
    const cx = (box.x0 + box.x1) / 2;
    const firstY = (box.y0 + box.y1) / 2 - ((lines2.length - 1) * lineH) / 2;
    const tspans = lines2.map((l, i) => `<tspan x="${cx.toFixed(1)}" y="${(firstY + i * lineH).toFixed(1)}">${esc(l)}</tspan>`).join('');
    out.push(
      `<text class="map-label" font-size="${size.toFixed(1)}" font-weight="${s.bold ? 700 : 400}"${s.italic ? ' font-style="italic"' : ''}${s.upper ? ' letter-spacing="0.6"' : ''} fill="${s.colour}" text-anchor="middle" dominant-baseline="central">${tspans}</text>`,
    );
  }
  return { backgrounds: backgrounds.join(''), text: out.join('') };
}

/** Points every `step` px along projected lines (for keeping labels off them). */
function samplePoints(lines: Position[][], project: (p: [number, number]) => [number, number] | null, step = 3): [number, number][] {
  const out: [number, number][] = [];
  for (const line of lines) {
    let prev: [number, number] | null = null;
    for (const pos of line) {
      const p = project([pos[0]!, pos[1]!]);
      if (!p) continue;
      if (prev) {
        const n = Math.max(1, Math.ceil(Math.hypot(p[0] - prev[0], p[1] - prev[1]) / step));
        for (let i = 1; i <= n; i++) out.push([prev[0] + ((p[0] - prev[0]) * i) / n, prev[1] + ((p[1] - prev[1]) * i) / n]);
      } else out.push(p);
      prev = p;
    }
  }
  return out;
}

/** Darker shade of a #rrggbb colour (for outlines). */
export function shade(hex: string, factor: number): string {
  const n = parseInt(hex.slice(1), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round(v * factor));
  return `#${c.map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

/** A round scale-bar length (1, 2, 5 x 10^n km) that fits in about `maxPx` pixels. */
function scaleBar(projection: GeoProjection, width: number, height: number, maxPx: number, right = false): string {
  const y = height - 14;
  const a = projection.invert?.([20, y]);
  const b = projection.invert?.([20 + maxPx, y]);
  if (!a || !b) return '';
  const km = geoDistance(a, b) * 6371.0088;
  if (!(km > 0)) return '';
  const pow = 10 ** Math.floor(Math.log10(km));
  const nice = [5, 2, 1].map((m) => m * pow).find((v) => v <= km) ?? pow;
  const px = (nice / km) * maxPx;
  const label = nice >= 1 ? `${nice} km` : `${Math.round(nice * 1000)} m`;
  const x0 = right ? width - 20 - px : 20;
  return (
    `<g class="scale" aria-hidden="true"><rect x="${(x0 - 6).toFixed(1)}" y="${y - 13}" width="${(px + 12).toFixed(1)}" height="20" fill="#ffffff" fill-opacity="0.85"/>` +
    `<path d="M${x0.toFixed(1)} ${y - 4}v4h${px.toFixed(1)}v-4" fill="none" stroke="#222" stroke-width="1.2"/>` +
    `<text x="${(x0 + px / 2).toFixed(1)}" y="${y - 6}" font-size="9" text-anchor="middle" fill="#222">${label}</text></g>`
  );
}

function featureCollection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function asFeature(geometry: Geometry, properties: Record<string, unknown> = {}): Feature {
  return { type: 'Feature', properties, geometry };
}

export function renderLapMaps(geo: MapGeography, options: MapOptions): LapMaps {
  const colour = safeColour(options.colour, DEFAULT_AREA_COLOUR);
  const dark = shade(colour, 0.62);
  const members = new Set(options.wardCodes);
  const allWards = geo.wards.features;
  const memberWards = allWards.filter((w) => members.has(w.properties.code));
  const councilCodes = [...new Set(memberWards.map((w) => w.properties.authorityCode))];
  const councilFeatures = geo.authorities.features.filter((a) => councilCodes.includes(a.properties.code));
  const councils = councilFeatures.map((a) => ({ code: a.properties.code, name: a.properties.name }));
  const neighbours = neighbouringWards(allWards, members);
  const labelPoint = new Map((geo.labels?.features ?? []).map((f) => [f.properties.code, f.geometry.coordinates]));

  const rewound = new Map(allWards.map((w) => [w.properties.code, asFeature(rewind(w.geometry), { code: w.properties.code })]));
  const councilRewound = geo.authorities.features.map((a) => ({ code: a.properties.code, name: a.properties.name, feature: asFeature(rewind(a.geometry)) }));
  const outline = memberWards.length ? asFeature(groupOutline(memberWards)) : null;

  const title = `Map of ${options.name}`;
  const empty = (w: number, h: number, text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(title)}"><rect width="${w}" height="${h}" fill="#f4f4f4"/><text x="${w / 2}" y="${h / 2}" text-anchor="middle" font-size="13" fill="#444">${esc(text)}</text></svg>`;
  const D = options.detail ?? { width: 420, height: 430 };
  const L = options.locator ?? { width: 240, height: 300 };
  if (memberWards.length === 0) {
    const msg = 'This area has no wards to map.';
    return { detailSvg: empty(D.width, D.height, msg), locatorSvg: empty(L.width, L.height, msg), neighbours: [], councils };
  }

  // ---- detail map: the area in the middle, zoomed out so its neighbours show around it ----
  const focus = featureCollection(memberWards.map((w) => rewound.get(w.properties.code)!));
  const zoomOut = 2.1;
  const innerW = D.width / zoomOut;
  const innerH = D.height / zoomOut;
  const detailProjection = geoMercator().fitExtent(
    [
      [(D.width - innerW) / 2, (D.height - innerH) / 2],
      [(D.width + innerW) / 2, (D.height + innerH) / 2],
    ],
    focus,
  );
  detailProjection.clipExtent([
    [0, 0],
    [D.width, D.height],
  ]);
  const dPath = geoPath(detailProjection).digits(1);
  const wardPaths = (filter: (w: WardFeature) => boolean, cls: string) =>
    allWards
      .filter(filter)
      .map((w) => {
        const d = dPath(rewound.get(w.properties.code) as GeoPermissibleObjects);
        return d ? `<path class="${cls}" d="${d}"/>` : '';
      })
      .join('');
  const ownCouncils = new Set(councilCodes);
  const detailLabels: LabelSpec[] = [];
  const inFrame = (p: [number, number] | null): p is [number, number] =>
    !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]) && p[0] > 8 && p[1] > 8 && p[0] < D.width - 8 && p[1] < D.height - 8;
  const project = (w: WardFeature): [number, number] | null => {
    const lp = labelPoint.get(w.properties.code);
    const p = lp ? detailProjection(lp) : null;
    if (inFrame(p)) return [p[0], p[1]];
    // The label point is off the map: use the middle of the part that is visible.
    const c = dPath.centroid(rewound.get(w.properties.code) as GeoPermissibleObjects);
    return inFrame(c) ? [c[0], c[1]] : null;
  };
  const containsFor = (w: WardFeature) => {
    const f = rewound.get(w.properties.code) as GeoPermissibleObjects;
    return (x: number, y: number) => {
      const ll = detailProjection.invert?.([x, y]);
      return !!ll && geoContains(f, ll);
    };
  };
  // Smallest member wards first: they have the fewest places to put a name.
  const byArea = (a: WardFeature, b: WardFeature) => geoArea(rewound.get(a.properties.code)!) - geoArea(rewound.get(b.properties.code)!);
  for (const w of [...memberWards].sort(byArea)) {
    const at = project(w);
    if (at) detailLabels.push({ name: w.properties.name, at, size: 11, bold: true, colour: '#111111', required: true, contains: containsFor(w) });
  }
  for (const w of [...neighbours].sort(byArea)) {
    const at = project(w);
    if (at) detailLabels.push({ name: w.properties.name, at, size: 10, bold: false, colour: '#3d3d3d', contains: containsFor(w) });
  }
  // As lines, not polygons: a clipped polygon would trace the frame.
  const councilLines = geo.authorities.features
    .map((a) => dPath({ type: 'MultiLineString', coordinates: polygons(a.geometry).flat() }) ?? '')
    .join('');
  // Places people know (basemap.ts): the context goes over the fills, the names after the ward names (never over them).
  const context = options.basemap ? basemapLayers(options.basemap, dPath, detailProjection, inFrame) : null;
  // Villages only when the map is zoomed in (less than about 25 km across), as in the app; towns always.
  const [nw, se] = [detailProjection.invert?.([0, D.height / 2]), detailProjection.invert?.([D.width, D.height / 2])];
  const acrossKm = nw && se ? geoDistance(nw, se) * 6371 : Infinity;
  for (const s of (context?.settlements ?? []).filter((x) => x.kind === 'town' || acrossKm <= 25)) {
    detailLabels.push(
      s.kind === 'town'
        ? { name: s.name, at: s.at, size: 9.5, bold: false, colour: '#45494f', near: 10, upper: true }
        : { name: s.name, at: s.at, size: 8.5, bold: false, colour: '#45494f', near: 8, italic: true },
    );
  }
  const scaleObstacle: Box = { x0: 10, y0: D.height - 32, x1: 140, y1: D.height };
  const outlinePoints = outline ? samplePoints((outline.geometry as MultiLineString).coordinates, (p) => detailProjection(p)) : [];
  const labels = placeLabels(detailLabels, D.width, D.height, [scaleObstacle], outlinePoints);
  const detailSvg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${D.width} ${D.height}" width="${D.width}" height="${D.height}" role="img" aria-label="${esc(`${title} and its neighbouring wards`)}">` +
    `<title>${esc(`${title} and its neighbouring wards`)}</title>` +
    `<rect width="${D.width}" height="${D.height}" fill="#eef1f4"/>` +
    `<g fill="#e4e4e4" stroke="#b5b5b5" stroke-width="0.6">${wardPaths((w) => !ownCouncils.has(w.properties.authorityCode), 'ward other')}</g>` +
    `<g fill="#fbfbfb" stroke="#a9a9a9" stroke-width="0.7">${wardPaths((w) => ownCouncils.has(w.properties.authorityCode) && !members.has(w.properties.code), 'ward')}</g>` +
    `<g fill="${colour}" fill-opacity="0.38" stroke="${dark}" stroke-opacity="0.55" stroke-width="0.8">${wardPaths((w) => members.has(w.properties.code), 'ward member')}</g>` +
    (context?.svg ?? '') +
    `<path d="${councilLines}" fill="none" stroke="#333333" stroke-width="1.8"/>` +
    `<g class="label-backgrounds" fill="#ffffff" fill-opacity="0.72">${labels.backgrounds}</g>` +
    `<path d="${outline ? (dPath(outline) ?? '') : ''}" fill="none" stroke="${dark}" stroke-width="3.2" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<g class="labels">${labels.text}</g>` +
    scaleBar(detailProjection, D.width, D.height, 90) +
    `<rect x="0.5" y="0.5" width="${D.width - 1}" height="${D.height - 1}" fill="none" stroke="#6b6b6b" stroke-width="1"/>` +
    `</svg>`;

  // ---- locator map: the council(s), fitted with fitExtent ----
  const councilFC = featureCollection(councilRewound.filter((c) => ownCouncils.has(c.code)).map((c) => c.feature));
  const lp = 10;
  const locProjection = geoMercator().fitExtent(
    [
      [lp, lp + 18],
      [L.width - lp, L.height - lp],
    ],
    councilFC,
  );
  const lPath = geoPath(locProjection).digits(1);
  const locWards = allWards
    .filter((w) => ownCouncils.has(w.properties.authorityCode))
    .map((w) => {
      const isMember = members.has(w.properties.code);
      const d = lPath(rewound.get(w.properties.code) as GeoPermissibleObjects);
      return d ? `<path d="${d}" fill="${isMember ? colour : '#f4f4f4'}" stroke="${isMember ? dark : '#c4c4c4'}" stroke-width="${isMember ? 0.6 : 0.4}"/>` : '';
    })
    .join('');
  // The detail map's extent, as a rectangle on the locator.
  const corners = [
    [0, 0],
    [D.width, D.height],
  ].map((p) => detailProjection.invert?.(p as [number, number]) ?? null);
  let extent = '';
  if (corners[0] && corners[1]) {
    const a = locProjection(corners[0]);
    const b = locProjection(corners[1]);
    if (a && b) {
      // Kept inside the locator's frame (the detail map may reach beyond the council).
      const clampX = (v: number) => Math.max(1, Math.min(L.width - 1, v));
      const clampY = (v: number) => Math.max(1, Math.min(L.height - 1, v));
      const x0 = clampX(Math.min(a[0], b[0]));
      const x1 = clampX(Math.max(a[0], b[0]));
      const y0 = clampY(Math.min(a[1], b[1]));
      const y1 = clampY(Math.max(a[1], b[1]));
      extent = `<rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${(y1 - y0).toFixed(1)}" fill="none" stroke="#111" stroke-width="1.2"/>`;
    }
  }
  const lapOutline = outline ? `<path d="${lPath(outline) ?? ''}" fill="none" stroke="${dark}" stroke-width="1.6" stroke-linejoin="round"/>` : '';
  const councilName = councils.map((c) => c.name).join(' and ');
  const locatorSvg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${L.width} ${L.height}" width="${L.width}" height="${L.height}" role="img" aria-label="${esc(`Where ${options.name} lies in ${councilName}`)}">` +
    `<title>${esc(`Where ${options.name} lies in ${councilName}`)}</title>` +
    `<rect width="${L.width}" height="${L.height}" fill="#ffffff"/>` +
    locWards +
    councilRewound
      .filter((c) => ownCouncils.has(c.code))
      .map((c) => `<path d="${lPath(c.feature as GeoPermissibleObjects) ?? ''}" fill="none" stroke="#333333" stroke-width="1.8"/>`)
      .join('') +
    lapOutline +
    extent +
    `<text x="${L.width / 2}" y="13" font-size="11" font-weight="600" text-anchor="middle" fill="#222">${esc(councilName)}</text>` +
    `</svg>`;

  // Sanity: make sure the bounds were finite (a bad geometry would give NaN paths).
  const b = geoBounds(focus);
  if (!b.flat().every(Number.isFinite)) throw new Error('The map could not be drawn: the ward boundaries are not valid.');

  return {
    detailSvg,
    locatorSvg,
    neighbours: neighbours.map((w) => ({ code: w.properties.code, name: w.properties.name })).sort((a, b) => a.name.localeCompare(b.name)),
    councils,
  };
}

/** One place on the places map (colours and letters from shared/places.ts). */
export interface PlaceMarker {
  lon: number;
  lat: number;
  colour: string;
  /** One letter drawn on the marker, so the category does not rely on colour alone. */
  symbol: string;
  /** Attached to the area by hand but lying outside it: drawn with a dark ring. */
  outside: boolean;
  /** For saying which places are beyond the edge of the map. */
  name?: string;
}

export interface PlacesMapOptions {
  wardCodes: string[];
  colour?: string;
  name: string;
  places: PlaceMarker[];
  width: number;
  height: number;
  /** Towns, roads, railways and water under the wards (assets/basemap.json). */
  basemap?: ReportBasemap | null;
}

export interface PlacesMap {
  svg: string;
  /**
   * Attached places so far away that showing them would shrink the area to a dot: drawn on the edge of the map in
   * their direction, with an arrow.
   */
  offMap: PlaceMarker[];
}

/** Marker radius (px) for how many places there are: smaller when crowded, and no letter when very crowded. */
export function markerRadius(count: number): number {
  return count <= 60 ? 6.5 : count <= 200 ? 5 : 3.5;
}

/** A marker: a circle in the category colour with its letter; attached places from outside get a dark ring. */
export function markerSvg(m: Pick<PlaceMarker, 'colour' | 'symbol' | 'outside'>, x: number, y: number, r: number): string {
  const fill = safeColour(m.colour, '#555555');
  const ring = m.outside ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(r + 1.6).toFixed(1)}" fill="none" stroke="#111111" stroke-width="1.6"/>` : '';
  const letter =
    r >= 5 && m.symbol
      ? `<text x="${x.toFixed(1)}" y="${(y + r * 0.05).toFixed(1)}" font-size="${(r * 1.35).toFixed(1)}" font-weight="700" fill="${textColourOn(fill)}" text-anchor="middle" dominant-baseline="central">${esc(m.symbol.slice(0, 1))}</text>`
      : '';
  return `<g class="marker"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>${ring}${letter}</g>`;
}

/** Zooming out further than this (a fraction of the area's own scale) to take in an attached place is not worth it. */
const MIN_ZOOM = 0.4;

/**
 * The places inset of the PDF: the area's wards in its colour with their names and outline, the wards around them,
 * the council boundary, and one marker per place (in the category colour, with its letter). The frame takes in the
 * area and the places attached to it from outside, unless one is so far away that the area would shrink to a dot:
 * that one is drawn on the edge of the map in its direction, with an arrow, and returned in `offMap`.
 */
export function renderPlacesMap(geo: MapGeography, options: PlacesMapOptions): PlacesMap {
  const { width: W, height: H } = options;
  const colour = safeColour(options.colour, DEFAULT_AREA_COLOUR);
  const dark = shade(colour, 0.62);
  const members = new Set(options.wardCodes);
  const allWards = geo.wards.features;
  const memberWards = allWards.filter((w) => members.has(w.properties.code));
  const title = `Places in and attached to ${options.name}`;
  if (memberWards.length === 0) {
    return {
      svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><rect width="${W}" height="${H}" fill="#f4f4f4"/><text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="13" fill="#444">This area has no wards to map.</text></svg>`,
      offMap: [],
    };
  }
  const ownCouncils = new Set(memberWards.map((w) => w.properties.authorityCode));
  const rewound = new Map(allWards.map((w) => [w.properties.code, asFeature(rewind(w.geometry), { code: w.properties.code })]));
  const valid = (p: PlaceMarker) => Number.isFinite(p.lon) && Number.isFinite(p.lat);
  const pad = 22;
  const extent: [[number, number], [number, number]] = [
    [pad, pad],
    [W - pad, H - pad - 18],
  ];
  const fit = (extra: PlaceMarker[]) =>
    geoMercator().fitExtent(
      extent,
      featureCollection([
        ...memberWards.map((w) => rewound.get(w.properties.code)!),
        ...extra.map((p) => asFeature({ type: 'Point', coordinates: [p.lon, p.lat] })),
      ]),
    );
  const base = fit([]);
  // Attached places from outside, nearest first, taken in while the area stays a fair size.
  const centre = geoBounds(featureCollection(memberWards.map((w) => rewound.get(w.properties.code)!)));
  const mid: [number, number] = [(centre[0][0] + centre[1][0]) / 2, (centre[0][1] + centre[1][1]) / 2];
  const outside = options.places.filter((p) => p.outside && valid(p)).sort((a, b) => geoDistance(mid, [a.lon, a.lat]) - geoDistance(mid, [b.lon, b.lat]));
  const taken: PlaceMarker[] = [];
  let projection = base;
  for (const p of outside) {
    const next = fit([...taken, p]);
    if (next.scale() < base.scale() * MIN_ZOOM) break;
    taken.push(p);
    projection = next;
  }
  projection.clipExtent([
    [0, 0],
    [W, H],
  ]);
  const path = geoPath(projection).digits(1);
  const wardPaths = (filter: (w: WardFeature) => boolean) =>
    allWards
      .filter(filter)
      .map((w) => {
        const d = path(rewound.get(w.properties.code) as GeoPermissibleObjects);
        return d ? `<path d="${d}"/>` : '';
      })
      .join('');
  const councilLines = geo.authorities.features
    .map((a) => path({ type: 'MultiLineString', coordinates: polygons(a.geometry).flat() }) ?? '')
    .join('');
  const outline = asFeature(groupOutline(memberWards));

  // Markers: inside places first, attached ones from outside on top. Off the map: on the edge, in their direction.
  const r = markerRadius(options.places.length);
  const cx = W / 2;
  const cy = (H - 18) / 2;
  const edge = r + 4;
  const offMap: PlaceMarker[] = [];
  const arrows: string[] = [];
  const projected: { p: PlaceMarker; xy: [number, number] }[] = [];
  for (const p of [...options.places].filter(valid).sort((a, b) => Number(a.outside) - Number(b.outside))) {
    const xy = projection([p.lon, p.lat]);
    if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
    const inFrame = xy[0] >= edge && xy[1] >= edge && xy[0] <= W - edge && xy[1] <= H - edge;
    if (inFrame) {
      projected.push({ p, xy });
      continue;
    }
    if (!p.outside) continue; // a place of the area always lies in it, so in the frame
    offMap.push(p);
    const dx = xy[0] - cx;
    const dy = xy[1] - cy;
    const t = Math.min(dx ? Math.abs((W / 2 - edge - 8) / dx) : Infinity, dy ? Math.abs(((H - 18) / 2 - edge - 8) / dy) : Infinity);
    const at: [number, number] = [cx + dx * t, cy + dy * t];
    projected.push({ p, xy: at });
    const len = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / len, dy / len];
    const tip: [number, number] = [at[0] + ux * (r + 11), at[1] + uy * (r + 11)];
    const baseL: [number, number] = [at[0] + ux * (r + 3) - uy * 5, at[1] + uy * (r + 3) + ux * 5];
    const baseR: [number, number] = [at[0] + ux * (r + 3) + uy * 5, at[1] + uy * (r + 3) - ux * 5];
    arrows.push(`<path d="M${tip[0].toFixed(1)} ${tip[1].toFixed(1)}L${baseL[0].toFixed(1)} ${baseL[1].toFixed(1)}L${baseR[0].toFixed(1)} ${baseR[1].toFixed(1)}Z" fill="#111111"/>`);
  }
  const markerBoxes: Box[] = projected.map(({ xy }) => ({ x0: xy[0] - r - 1, y0: xy[1] - r - 1, x1: xy[0] + r + 1, y1: xy[1] + r + 1 }));

  // Member ward names (bold), kept off the markers and the outline where they can be.
  const labelPoint = new Map((geo.labels?.features ?? []).map((f) => [f.properties.code, f.geometry.coordinates]));
  const specs: LabelSpec[] = [];
  for (const w of [...memberWards].sort((a, b) => geoArea(rewound.get(a.properties.code)!) - geoArea(rewound.get(b.properties.code)!))) {
    const lp = labelPoint.get(w.properties.code);
    const p = lp ? projection(lp) : path.centroid(rewound.get(w.properties.code) as GeoPermissibleObjects);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const f = rewound.get(w.properties.code) as GeoPermissibleObjects;
    specs.push({
      name: w.properties.name,
      at: [p[0], p[1]],
      // A council's 26 or 31 wards: smaller names, and only where they fit.
      size: memberWards.length > 10 ? 8.5 : 10.5,
      bold: true,
      colour: '#111111',
      required: memberWards.length <= 10,
      contains: (x, y) => {
        const ll = projection.invert?.([x, y]);
        return !!ll && geoContains(f, ll);
      },
    });
  }
  // The scale bar goes bottom left, or bottom right when a marker sits on the edge there.
  const scaleRight = projected.some(({ xy }) => xy[0] < 150 && xy[1] > H - 50);
  const scaleObstacle: Box = scaleRight ? { x0: W - 140, y0: H - 32, x1: W - 10, y1: H } : { x0: 10, y0: H - 32, x1: 140, y1: H };
  const outlinePoints = samplePoints((outline.geometry as MultiLineString).coordinates, (p) => projection(p));
  // The same context as the cover map: towns, roads, rail and water; settlement names after the ward names.
  const frame = (q: [number, number] | null): q is [number, number] => !!q && Number.isFinite(q[0]) && Number.isFinite(q[1]) && q[0] > 8 && q[1] > 8 && q[0] < W - 8 && q[1] < H - 8;
  const context = options.basemap ? basemapLayers(options.basemap, path, projection, frame) : null;
  for (const st of context?.settlements ?? []) {
    specs.push(
      st.kind === 'town'
        ? { name: st.name, at: st.at, size: 9, bold: false, colour: '#45494f', near: 10, upper: true }
        : { name: st.name, at: st.at, size: 8, bold: false, colour: '#45494f', near: 8, italic: true },
    );
  }
  const labels = placeLabels(specs, W, H, [scaleObstacle, ...markerBoxes], outlinePoints);

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>` +
    `<rect width="${W}" height="${H}" fill="#eef1f4"/>` +
    `<g fill="#e4e4e4" stroke="#b5b5b5" stroke-width="0.6">${wardPaths((w) => !ownCouncils.has(w.properties.authorityCode))}</g>` +
    `<g fill="#fbfbfb" stroke="#a9a9a9" stroke-width="0.7">${wardPaths((w) => ownCouncils.has(w.properties.authorityCode) && !members.has(w.properties.code))}</g>` +
    `<g fill="${colour}" fill-opacity="0.22" stroke="${dark}" stroke-opacity="0.5" stroke-width="0.8">${wardPaths((w) => members.has(w.properties.code))}</g>` +
    (context?.svg ?? '') +
    `<path d="${councilLines}" fill="none" stroke="#333333" stroke-width="1.6"/>` +
    `<path d="${path(outline) ?? ''}" fill="none" stroke="${dark}" stroke-width="2.6" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<g class="label-backgrounds" fill="#ffffff" fill-opacity="0.78">${labels.backgrounds}</g>` +
    `<g class="labels">${labels.text}</g>` +
    scaleBar(projection, W, H, 90, scaleRight) +
    `<g class="off-map">${arrows.join('')}</g>` +
    `<g class="markers">${projected.map(({ p, xy }) => markerSvg(p, xy[0], xy[1], r)).join('')}</g>` +
    `<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" fill="none" stroke="#6b6b6b" stroke-width="1"/>` +
    `</svg>`;
  return { svg, offMap };
}
