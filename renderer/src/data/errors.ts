/**
 * Backend failures of the data verbs as sentences for people. The backend's own messages are plain English
 * already; validation messages carry the verb and the field ("import.preview: mapping.columns.Smokers.id: an
 * indicator id uses letters…"), which this turns into "Column ‘Smokers’: an indicator id uses letters…".
 */
import { ApiError } from '../api.ts';

const FIELD_WORDS: Record<string, string> = {
  areaCodeColumn: 'The area-code column',
  period: 'The period',
  areaType: 'The area type',
  fileName: 'The file name',
  contentBase64: 'The file',
  id: 'The dataset',
  jobId: 'The import',
};

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return 'Something went wrong. Nothing was changed.';
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

/** One validation part, "mapping.columns.Smokers.id: an indicator id uses…", in words. */
function field(part: string): string {
  const m = /^([A-Za-z0-9_.\- ]+?):\s*(.*)$/s.exec(part.trim());
  if (!m) return part.trim();
  const path = m[1]!.split('.');
  const reason = m[2]!;
  if (path[0] === 'mapping' && path[1] === 'columns' && path.length >= 3) {
    const column = path.slice(2, -1).join('.') || path[2]!;
    const what = path.length > 3 ? path[path.length - 1] : '';
    return `Column ‘${column}’${what ? ` (${what})` : ''}: ${reason}`;
  }
  if (path[0] === 'mapping' && path[1] === 'dataset') return `The source details (${path[2] ?? 'dataset'}): ${reason}`;
  const last = path[path.length - 1]!;
  const words = FIELD_WORDS[last];
  return words ? `${words}: ${reason}` : `${m[1]}: ${reason}`;
}

export function plainDataError(err: unknown): string {
  const raw = (err instanceof Error ? err.message : String(err)).trim();
  // The preview server's own limit on what one request may carry (the app itself takes up to 150 MB).
  if (/request body is larger than \d+ bytes/.test(raw)) {
    const limit = Number(/larger than (\d+) bytes/.exec(raw)?.[1] ?? 0);
    return `The file is too large to send to LAP Insight's data service here${limit ? ` (the limit is ${Math.round(limit / 1024 / 1024)} MB once encoded)` : ''}. Nothing has been imported. Import it from the command line instead: lap-insight import FILE.`;
  }
  const verb = /^(?:import|datasets|jobs|indicators|values)\.[A-Za-z]+:\s*/.exec(raw);
  if (!verb) return sentence(raw);
  const rest = raw.slice(verb[0].length);
  if (err instanceof ApiError && err.kind !== 'validation') return sentence(rest);
  return sentence(rest.split(/;\s+(?=[A-Za-z0-9_.\- ]+:)/).map(field).join('; '));
}
