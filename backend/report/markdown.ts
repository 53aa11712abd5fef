/**
 * Markdown to HTML for the PDF's methods appendix (docs/methods.md), by markdown-it with raw HTML off: raw HTML in
 * the Markdown prints literally and images are not drawn (the report fetches nothing). This module adds only what
 * the appendix needs on top: headings shifted down a level with GitHub-style ids under a prefix (so anchors cannot
 * clash with the rest of the document), in-document links pointed at those ids, links to other documents printed
 * as text followed by the address (a PDF reader may not be online), and quotes and line breaks kept compact.
 */
import MarkdownIt, { type MarkdownIt as Parser, type StateCore, type Token } from 'markdown-it';

export interface MarkdownOptions {
  /** Added to heading levels (1: "#" becomes <h2>). Default 1. */
  headingShift?: number;
  /** Prefix for heading ids, so anchors cannot clash with the rest of the document. Default "md-". */
  idPrefix?: string;
}

// A type, not an interface: markdown-it's env is an open record.
type Env = {
  shift: number;
  prefix: string;
};

/** GitHub-style heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** In-document links go to the prefixed heading ids; other links become "label (address)" with no link. */
function rewriteLinks(children: Token[], env: Env, state: StateCore): Token[] {
  const md = state.md;
  const out: Token[] = [];
  let external: { href: string; label: string } | null = null;
  for (const t of children) {
    if (t.type === 'link_open') {
      const href = String(t.attrGet('href') ?? '');
      if (href.startsWith('#')) {
        t.attrSet('href', `#${env.prefix}${slug(md.normalizeLinkText(href.slice(1)))}`);
        out.push(t);
      } else external = { href: md.normalizeLinkText(href), label: '' };
      continue;
    }
    if (t.type === 'link_close' && external) {
      if (external.label !== external.href) {
        const address = new state.Token('text', '', 0);
        address.content = ` (${external.href})`;
        out.push(address);
      }
      external = null;
      continue;
    }
    if (external && t.type === 'text') external.label += t.content;
    out.push(t);
  }
  return out;
}

/** Shifts and names the headings, classes the tables, runs quotes as one block of text, and rewrites the links. */
function appendixRule(state: StateCore): void {
  const env = state.env as Env;
  const tokens = state.tokens;
  let quoteDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' || t.type === 'heading_close') {
      t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + env.shift)}`;
      if (t.type === 'heading_open') t.attrSet('id', env.prefix + slug(tokens[i + 1]?.content ?? ''));
    } else if (t.type === 'table_open') t.attrSet('class', 'md-table');
    else if (t.type === 'blockquote_open') quoteDepth++;
    else if (t.type === 'blockquote_close') quoteDepth--;
    else if ((t.type === 'paragraph_open' || t.type === 'paragraph_close') && quoteDepth > 0) t.hidden = true;
    else if (t.type === 'inline' && t.children) t.children = rewriteLinks(t.children, env, state);
  }
}

let parser: Parser | undefined;

/**
 * The parser, made on first use so that importing this module runs nothing: the Electron main process imports it
 * (printer.ts -> html.ts) but never renders Markdown, and its bundle can then leave markdown-it out.
 */
function markdownIt(): Parser {
  if (!parser) {
    parser = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table').disable('image');
    parser.core.ruler.push('lap_appendix', appendixRule);
    // A line break inside a paragraph is a space, as the reader's eye takes it.
    parser.renderer.rules.softbreak = () => ' ';
  }
  return parser;
}

export function inline(text: string, idPrefix = 'md-'): string {
  const env: Env = { shift: 1, prefix: idPrefix };
  return markdownIt().renderInline(text, env);
}

export function markdownToHtml(markdown: string, options: MarkdownOptions = {}): string {
  const env: Env = { shift: options.headingShift ?? 1, prefix: options.idPrefix ?? 'md-' };
  return markdownIt().render(markdown, env);
}
