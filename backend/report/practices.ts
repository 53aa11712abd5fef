/**
 * The "GP practices" section of the PDF (issue 15): which practices make up the registered population behind the
 * practice-based indicators, with their Primary Care Networks, wards and list sizes, and the ODS/ONS/OS/Royal Mail
 * attribution. Pure: AreaPractices in, HTML out; every piece of text is escaped.
 */
import type { AreaPractices } from '../../shared/contract/practices.ts';
import { esc } from './escape.ts';

export function practicesSection(practices: AreaPractices | null | undefined): string {
  if (!practices) return '';
  const rows = practices.practices
    .map(
      (p) =>
        `<tr><td>${esc(p.name)} <span class="why">${esc(p.code)}</span></td><td>${esc(p.pcnName ?? 'none recorded')}</td><td>${esc(p.wardName ?? 'outside the two councils')}</td>` +
        `<td class="num">${p.listSize === null ? '–' : esc(p.listSize.toLocaleString('en-GB'))}</td><td>${p.how === 'location' ? 'in its wards' : 'attached by hand'}</td></tr>`,
    )
    .join('');
  const table = practices.practices.length
    ? `<table class="data practices-list"><thead><tr><th>Practice</th><th>Primary Care Network</th><th>Ward</th><th class="num">Registered patients</th><th>How</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  const pcns = practices.pcns.length ? `<p>Primary Care Networks: ${esc(practices.pcns.map((p) => `${p.name} (${p.practices})`).join(', '))}.</p>` : '';
  return `<section class="practices-section" data-section="practices">
<h2>GP practices: the registered population</h2>
<p>${esc(practices.description)}</p>
${pcns}
${table}
<p class="attribution">${esc(practices.attribution)}</p>
</section>`;
}

/**
 * The short PDF's list of the area's practices (name, Primary Care Network, registered patients), under the places
 * map: the practices behind every "patients registered at …" figure. The full version has practicesSection.
 */
export function practicesCompact(practices: AreaPractices | null | undefined): string {
  if (!practices || practices.practices.length === 0) return '';
  const rows = practices.practices
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}${p.how === 'location' ? '' : ' <span class="why">attached by hand</span>'}</td><td>${esc(p.pcnName ?? 'none recorded')}</td>` +
        `<td class="num">${p.listSize === null ? '\u2013' : esc(p.listSize.toLocaleString('en-GB'))}</td></tr>`,
    )
    .join('');
  return `<div class="practices-compact keep">
<h3>GP practices: ${esc(practices.label)}</h3>
<table class="data practices-list"><thead><tr><th>Practice</th><th>Primary Care Network</th><th class="num">Registered patients</th></tr></thead><tbody>${rows}</tbody></table>
<p class="attribution">${esc(practices.attribution)}</p>
</div>`;
}
