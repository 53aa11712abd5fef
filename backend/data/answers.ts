/**
 * Polarity and ambition as a tidy file may give them (columns `polarity` and `ambition`): the ids, or the words
 * a person would write ("higher is better", "3", "Fit, well and independent"). null when not recognised.
 */
import { AMBITIONS, type AmbitionId } from '../../shared/ambitions.ts';
import type { Polarity } from '../../shared/indicators-meta.ts';

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export function parsePolarity(text: string): Polarity | null {
  const t = squash(text);
  if (/^(high is good|higher is better|high|higher|up|increase is good)$/.test(t)) return 'high-is-good';
  if (/^(low is good|lower is better|low|lower|down|decrease is good)$/.test(t)) return 'low-is-good';
  if (/^(no judgement|no judgment|none|neutral|not applicable|n a|context)$/.test(t)) return 'no-judgement';
  return null;
}

export function parseAmbition(text: string): AmbitionId | null {
  const t = squash(text);
  for (const a of AMBITIONS) {
    if (t === squash(a.id) || t === String(a.number) || t === `ambition ${a.number}` || t === squash(a.title)) return a.id;
  }
  return null;
}
