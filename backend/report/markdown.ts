/**
 * A tiny Markdown-to-HTML converter for the subset docs/methods.md uses: ATX headings, paragraphs, bullet and
 * numbered lists (with indented continuation lines), pipe tables, block quotes, and inline `code`, **bold**,
 * *italic* and [links](#anchor). Everything is escaped; raw HTML in the Markdown prints literally.
 * Links to other documents print as text followed by the address (a PDF reader may not be online).
 */
import { esc } from './escape.ts';

export interface MarkdownOptions {
  /** Added to heading levels (1: "#" becomes <h2>). Default 1. */
  headingShift?: number;
  /** Prefix for heading ids, so anchors cannot clash with the rest of the document. Default "md-". */
  idPrefix?: string;
}

/** GitHub-style heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*?[^*\s])?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inline(text: string, idPrefix = 'md-'): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += esc(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<code>${esc(m[1])}</code>`;
    else if (m[2] !== undefined) out += `<strong>${inline(m[2], idPrefix)}</strong>`;
    else if (m[3] !== undefined) out += `<em>${inline(m[3], idPrefix)}</em>`;
    else {
      const label = inline(m[4]!, idPrefix);
      const target = m[5]!;
      out += target.startsWith('#') ? `<a href="#${esc(idPrefix + slug(target.slice(1)))}">${label}</a>` : `${label} (${esc(target)})`;
    }
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|')) s = s.slice(0, -1);
  return s.split('|').map((c) => c.trim());
}

const isTableSeparator = (line: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line);
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const NUMBERED = /^(\s*)\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

export function markdownToHtml(markdown: string, options: MarkdownOptions = {}): string {
  const shift = options.headingShift ?? 1;
  const prefix = options.idPrefix ?? 'md-';
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  const startsBlock = (l: string) => HEADING.test(l) || BULLET.test(l) || NUMBERED.test(l) || l.trimStart().startsWith('>') || l.trimStart().startsWith('|');

  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const level = Math.min(6, h[1]!.length + shift);
      out.push(`<h${level} id="${esc(prefix + slug(h[2]!))}">${inline(h[2]!, prefix)}</h${level}>`);
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && isTableSeparator(lines[i + 1] ?? '')) {
      const head = splitRow(line);
      i += 2;
      const body: string[][] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) body.push(splitRow(lines[i++]!));
      out.push(
        `<table class="md-table"><thead><tr>${head.map((c) => `<th>${inline(c, prefix)}</th>`).join('')}</tr></thead><tbody>` +
          body.map((r) => `<tr>${head.map((_, k) => `<td>${inline(r[k] ?? '', prefix)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (line.trimStart().startsWith('>')) {
      const quote: string[] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('>')) quote.push(lines[i++]!.trimStart().replace(/^>\s?/, ''));
      out.push(`<blockquote>${inline(quote.join(' '), prefix)}</blockquote>`);
      continue;
    }
    const listMatch = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (listMatch) {
      const ordered = !BULLET.test(line);
      const items: string[] = [];
      const itemRe = ordered ? NUMBERED : BULLET;
      while (i < lines.length) {
        const m = itemRe.exec(lines[i]!);
        if (!m) break;
        const parts = [m[2]!];
        i++;
        // Continuation: indented, non-blank lines that do not start another item.
        while (i < lines.length && !blank(lines[i]) && /^\s+/.test(lines[i]!) && !BULLET.test(lines[i]!) && !NUMBERED.test(lines[i]!)) parts.push(lines[i++]!.trim());
        items.push(`<li>${inline(parts.join(' '), prefix)}</li>`);
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !blank(lines[i]) && (para.length === 0 || !startsBlock(lines[i]!))) para.push(lines[i++]!.trim());
    out.push(`<p>${inline(para.join(' '), prefix)}</p>`);
  }
  return out.join('\n');
}
