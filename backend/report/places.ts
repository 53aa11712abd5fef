/**
 * The "Places and access" section of the PDF: a map inset of the area with its places (category colours and
 * letters, a key), how many places of each kind it has, the straight-line distance from each member ward's centre
 * to the nearest place of each kind (with the area and council averages, said honestly not to be travel time, and
 * which ward centres were used), and the list of its places.
 *
 * Pure: AreaPlaces (shared/places.ts) in, HTML out; every piece of text is escaped.
 */
import { practicesCompact } from './practices.ts';
import { placeCategory, type AreaPlaces, type PlaceCategoryId } from '../../shared/places.ts';
import { esc, safeColour } from './escape.ts';
import { formatNumber, listJoin, MISSING_MARK } from './format.ts';
import { DEFAULT_AREA_COLOUR, markerSvg, renderPlacesMap } from './map.ts';
import { accessNote, categoryInSentence, councilName, howText, shownCategories } from './places-table.ts';
import type { ReportInput } from './types.ts';

/** Places listed in the PDF; the rest are in the Excel workbook and the places CSV. */
export const MAX_LISTED_PLACES = 40;

export const PLACES_CSS = `
.places-top { display: flex; gap: 4mm; align-items: flex-start; margin: 0 0 2mm; break-inside: avoid; page-break-inside: avoid; }
.places-top figure { margin: 0; }
.places-top svg { display: block; }
.place-key { font-size: 8.5pt; margin: 0 0 2mm; padding: 0; list-style: none; }
.place-key li { display: flex; align-items: center; gap: 2mm; margin-bottom: 1.3mm; }
.place-key svg, .cat svg { flex: none; display: inline-block; vertical-align: middle; }
.cat { white-space: nowrap; }
.cat svg { margin-right: 1.2mm; }
.places-side { flex: 1; min-width: 0; }
.counts-table { font-size: 7.8pt; }
.counts-table th { font-size: 7.2pt; padding: 1mm 0.8mm; }
.counts-table td { padding: 0.8mm 0.8mm; }
.counts-table col.k-cat { width: 38%; }
.counts-table col.k-num { width: 15.5%; }
.distance-table th.num { font-size: 7.2pt; text-align: right; }
.distance-table th .cat-letter { display: block; margin-bottom: 0.6mm; text-align: right; }
.distance-table tr.avg td, .distance-table tr.avg th { font-weight: 600; border-top: 1.2px solid #555; }
.distance-table tr.council td, .distance-table tr.council th { font-style: italic; color: #333; }
.access-note { font-size: 8.5pt; border-left: 3px solid #9a5b00; padding: 1mm 0 1mm 3mm; background: #fbf6ee; break-inside: avoid; }
.places-list { table-layout: fixed; }
.places-list td { vertical-align: top; overflow-wrap: anywhere; }
.places-list col.l-name { width: 30%; }
.places-list col.l-cat { width: 15%; }
.places-list col.l-addr { width: 31%; }
.places-list col.l-pc { width: 9%; }
.places-list col.l-how { width: 15%; }
`;

/** A small marker (inline SVG) for a category, as on the map. */
function categoryMarker(id: PlaceCategoryId, outside = false, size = 14): string {
  const c = placeCategory(id);
  const r = size / 2 - (outside ? 2.2 : 0.8);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" aria-hidden="true">${markerSvg(
    { colour: c.colour, symbol: c.symbol, outside },
    size / 2,
    size / 2,
    r,
  )}</svg>`;
}

function categoryCell(id: PlaceCategoryId, plural = true): string {
  const c = placeCategory(id);
  return `<span class="cat">${categoryMarker(id)}${esc(plural ? c.plural : c.label)}</span>`;
}

const km = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? MISSING_MARK : formatNumber(v, 1));

function countsTable(places: AreaPlaces, cats: PlaceCategoryId[]): string {
  const rows = cats
    .map((id) => {
      const n = places.counts.find((c) => c.category === id);
      return (
        `<tr><td>${categoryCell(id)}</td><td class="num">${esc(formatNumber(n?.inside ?? 0, 0))}</td><td class="num">${esc(formatNumber(n?.attachedOutside ?? 0, 0))}</td>` +
        `<td class="num">${esc(formatNumber(n?.total ?? 0, 0))}</td><td class="num">${esc(n?.per10k === null || n?.per10k === undefined ? MISSING_MARK : formatNumber(n.per10k, 1))}</td></tr>`
      );
    })
    .join('');
  return (
    `<table class="counts-table"><colgroup><col class="k-cat"><col class="k-num"><col class="k-num"><col class="k-num"><col class="k-num"></colgroup>` +
    `<thead><tr><th scope="col">Kind of place</th><th scope="col" class="num">Inside the area</th><th scope="col" class="num">Attached from outside</th>` +
    `<th scope="col" class="num">Total</th><th scope="col" class="num">Per 10,000 residents</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function distanceTable(places: AreaPlaces, cats: PlaceCategoryId[]): string {
  const head =
    `<th scope="col">Ward</th>` +
    cats.map((id) => `<th scope="col" class="num"><span class="cat-letter">${categoryMarker(id)}</span>${esc(placeCategory(id).plural)}</th>`).join('');
  const cell = (v: number | null | undefined) => `<td class="num">${esc(km(v))}</td>`;
  const wardRows = places.wards
    .map((w) => `<tr><th scope="row" style="background:none;font-weight:400;border-bottom:0.6px solid #cfcfcf">${esc(w.name)}</th>${cats.map((id) => cell(w.nearest[id]?.km)).join('')}</tr>`)
    .join('');
  const avg = `<tr class="avg"><th scope="row" style="background:none">${esc(places.area.name)} (average)</th>${cats.map((id) => cell(places.areaAverage[id])).join('')}</tr>`;
  const councils = places.councils
    .map((c) => `<tr class="council"><th scope="row" style="background:none;font-weight:400">${esc(c.name || councilName(c.code))} (average)</th>${cats.map((id) => cell(c.average[id])).join('')}</tr>`)
    .join('');
  const wardCol = cats.length > 6 ? 25 : 30;
  const catCol = (100 - wardCol) / Math.max(1, cats.length);
  return (
    `<table class="distance-table"><colgroup><col style="width:${wardCol}%">${cats.map(() => `<col style="width:${catCol.toFixed(2)}%">`).join('')}</colgroup>` +
    `<thead><tr>${head}</tr></thead><tbody>${wardRows}${avg}${councils}</tbody></table>`
  );
}

function placesList(places: AreaPlaces, maxListed = MAX_LISTED_PLACES): string {
  if (places.places.length === 0) return `<p class="muted">No places lie inside ${esc(places.area.name)} or are attached to it.</p>`;
  const shown = places.places.slice(0, maxListed);
  const rest = places.places.length - shown.length;
  const rows = shown
    .map(
      (p) =>
        `<tr><td><span class="ind-name">${esc(p.name)}</span>${p.ward && p.how !== 'location' ? `<div class="ind-meta">${esc(p.ward.name)}</div>` : ''}</td>` +
        `<td>${categoryCell(p.category, false)}</td><td>${esc(p.address)}</td><td class="nowrap">${esc(p.postcode)}</td><td>${esc(howText(p.how))}</td></tr>`,
    )
    .join('');
  const more = rest > 0 ? `<p class="small">\u2026 and ${esc(formatNumber(rest, 0))} more ${rest === 1 ? 'place' : 'places'}. The Excel workbook and the places CSV list all ${esc(formatNumber(places.places.length, 0))}.</p>` : '';
  return (
    `<table class="places-list"><colgroup><col class="l-name"><col class="l-cat"><col class="l-addr"><col class="l-pc"><col class="l-how"></colgroup>` +
    `<thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Address</th><th scope="col">Postcode</th><th scope="col">How it belongs</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>${more}`
  );
}

/** The section, or '' when no places are loaded at all. `attribution`: the boundaries' OS statement. */
/**
 * `options.short` (the short PDF): a smaller map, at most `maxListed` places listed, and no sentence that tells the
 * reader to import something (the document never prints app instructions).
 */
export function placesSection(input: ReportInput, attribution: string, options: { maxListed?: number; short?: boolean } = {}): string {
  const maxListed = options.maxListed ?? MAX_LISTED_PLACES;
  const places = input.places;
  if (!places || !places.hasPlaces) return '';
  const name = places.area.name || input.profile.area.name;
  const colour = safeColour(input.colour, DEFAULT_AREA_COLOUR);
  const cats = shownCategories(places);
  const inside = places.places.filter((p) => p.how !== 'attached').length;
  const attached = places.places.length - inside;
  const map = renderPlacesMap(input.geography, {
    wardCodes: places.wards.length ? places.wards.map((w) => w.code) : input.profile.area.wards.map((w) => w.code),
    colour,
    name,
    places: places.places.map((p) => {
      const c = placeCategory(p.category);
      return { lon: p.lon, lat: p.lat, colour: c?.colour ?? '#555555', symbol: c?.symbol ?? '', outside: p.how === 'attached', name: p.name };
    }),
    basemap: input.basemap ?? null,
    width: options.short ? 340 : 380,
    height: options.short ? 230 : 400,
  });
  // The short PDF keeps the first sentence (what the figure is) and where distances are measured from; never an
  // instruction to import something.
  const note = options.short
    ? accessNote(places)
        .split(/(?<=\.)\s+/)
        .filter((s, i) => !/\bimport\b/i.test(s) && (i === 0 || /measured from/i.test(s)))
        .join(' ')
    : accessNote(places);
  const beyond = map.offMap.length
    ? `<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true"><path d="M13 7L5 2.5V11.5Z" fill="#111111"/></svg><span>Arrow: attached place${map.offMap.length === 1 ? '' : 's'} beyond the edge of the map, in that direction</span></li>`
    : '';
  const ring = attached ? `<li>${categoryMarker(places.places.find((p) => p.how === 'attached')!.category, true)}<span>Dark ring: attached to ${esc(name)} from outside it</span></li>` : '';
  const intro =
    places.places.length === 0
      ? `No place from the lists held lies inside ${esc(name)} or is attached to it. The distances below still show how far its wards are from the nearest places around them.`
      : `${esc(formatNumber(inside, 0))} ${inside === 1 ? 'place' : 'places'} from the lists held ${inside === 1 ? 'lies' : 'lie'} inside ${esc(name)}` +
        (attached ? `, and ${esc(formatNumber(attached, 0))} outside it ${attached === 1 ? 'is' : 'are'} attached to it by hand (for example a GP practice that serves its residents)` : '') +
        '. Counts are of places, not of their size, capacity or opening hours.' +
        (map.offMap.length
          ? ` ${esc(listJoin(map.offMap.map((p) => p.name ?? 'a place')))} ${map.offMap.length === 1 ? 'lies' : 'lie'} too far away to fit on the map with ${esc(name)}: ${map.offMap.length === 1 ? 'its marker sits' : 'their markers sit'} on the edge of the map, with an arrow pointing ${map.offMap.length === 1 ? 'its' : 'their'} way.`
          : '');
  return `<section class="places-section page" aria-label="Places and access">
<h2>Places and access</h2>
<p>${intro}</p>
<div class="places-top">
  <figure class="places-map">${map.svg}</figure>
  <div class="places-side">
    <h3 style="margin-top:0">How many places</h3>
    ${countsTable(places, cats)}
    <ul class="place-key" aria-label="Places map key">
      ${ring}${beyond}
      <li><span class="swatch" style="background:${colour};opacity:0.45"></span><span>${esc(name)} (its wards named)</span></li>
      <li><span class="swatch line"></span><span>Council boundary</span></li>
    </ul>
    <p class="attribution">${esc(attribution.replace(/\.?\s*$/, '.'))}${input.basemap ? ` Map context: ${esc(input.basemap.attribution.osm)} (ODbL); OS Open Roads (OGL).` : ''}</p>
  </div>
</div>
<div${places.wards.length <= 12 ? ' class="keep"' : ''}>
<h3>Distance to the nearest place (km, straight line)</h3>
${distanceTable(places, cats)}
</div>
<p class="access-note"><strong>Straight-line distance, not travel time.</strong> ${esc(note)}</p>
${
  options.short && input.practices && input.practices.practices.length
    ? practicesCompact(input.practices)
    : `<h3>The places${places.places.length > maxListed ? ` (the first ${maxListed} of ${esc(formatNumber(places.places.length, 0))})` : ''}</h3>\n${placesList(places, maxListed)}`
}
<p class="small muted">The places come from the lists LAP Insight holds (${esc(cats.map((id) => categoryInSentence(id, true)).join(', '))}): the built-in GP practices and pharmacies are NHS England's Organisation Data Service lists; check the licence of any list you imported before sharing it.</p>
</section>`;
}
