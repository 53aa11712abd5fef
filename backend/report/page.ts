/**
 * Page geometry shared by the report's CSS and both printers (millimetres). A module of its own so that the
 * Electron main process, which prints, does not load the report's HTML builder (and markdown-it with it).
 */
export const PAGE = { format: 'A4', widthMm: 210, heightMm: 297, margin: { top: 17, right: 13, bottom: 15, left: 13 } } as const;
