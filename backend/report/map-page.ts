/**
 * The map on its own, as a picture: the same SVG maps as the cover of the PDF, laid out on an A5 landscape page with
 * a title, a key and the attribution, for the PNG export (rendered at 300 dpi by a printer's browser).
 */
import { esc, safeColour } from './escape.ts';
import { listJoin } from './format.ts';
import { FONT_FAMILY } from './fonts.ts';
import { OS_ATTRIBUTION, REPORT_CSP } from './html.ts';
import { DEFAULT_AREA_COLOUR, renderLapMaps } from './map.ts';
import { MAP_PNG } from './printer.ts';
import type { ReportInput } from './types.ts';

export function renderMapHtml(input: Pick<ReportInput, 'profile' | 'geography' | 'colour' | 'fonts'>): string {
  const a = input.profile.area;
  const colour = safeColour(input.colour, DEFAULT_AREA_COLOUR);
  const maps = renderLapMaps(input.geography, { wardCodes: a.wards.map((w) => w.code), colour, name: a.name, detail: { width: 500, height: 470 }, locator: { width: 250, height: 280 } });
  const attribution = input.geography.attribution?.includes(OS_ATTRIBUTION) ? input.geography.attribution : `${input.geography.attribution ?? ''} ${OS_ATTRIBUTION}.`.trim();
  const fonts = (input.fonts ?? [])
    .map((f) => `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};src:url(data:font/woff2;base64,${f.woff2Base64}) format('woff2');unicode-range:${f.unicodeRange};}`)
    .join('');
  const subtitle = [a.set?.name, maps.councils.map((c) => c.name).join(' and ')].filter(Boolean).join(' \u00b7 ');
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><title>${esc(`Map of ${a.name}`)}</title><style>${fonts}
html,body{margin:0;padding:0;background:#fff;}
body{width:${MAP_PNG.width}px;height:${MAP_PNG.height}px;overflow:hidden;font-family:'${FONT_FAMILY}',Arial,sans-serif;color:#1a1a1a;box-sizing:border-box;padding:14px 18px;}
h1{font-size:20px;margin:0 0 2px;} p{margin:0;}
.sub{font-size:11px;color:#444;margin-bottom:8px;}
.row{display:flex;gap:12px;align-items:flex-start;}
.side{display:flex;flex-direction:column;gap:8px;font-size:10.5px;}
.side ul{list-style:none;margin:0;padding:0;} .side li{display:flex;gap:6px;align-items:center;margin-bottom:4px;}
.sw{display:inline-block;width:22px;height:12px;border:1px solid #555;}
.attr{font-size:8.5px;color:#444;margin-top:5px;}
svg{display:block;}
</style></head><body>
<h1>${esc(a.name)}</h1>
<p class="sub">${esc(subtitle)}${a.wards.length ? ` \u00b7 ${esc(listJoin(a.wards.map((w) => w.name).sort((x, y) => x.localeCompare(y))))}` : ''}</p>
<div class="row">${maps.detailSvg}<div class="side">${maps.locatorSvg}<ul>
<li><span class="sw" style="background:${colour};opacity:0.7"></span>${esc(a.name)}</li>
<li><span class="sw" style="background:#fbfbfb"></span>Other wards of the council</li>
<li><span class="sw" style="height:0;border:none;border-top:2px solid #333"></span>Council boundary</li>
<li><span class="sw" style="border:1.5px solid #111"></span>Area of the large map</li></ul></div></div>
<p class="attr">${esc(attribution)}</p>
</body></html>`;
}
