/** Test shorthand for a refused call's issues: "code: a ward code looks like E05013246; wards.1: …". */
import type { ReplyError } from '../../shared/errors.ts';

export function issuesText(error: Pick<ReplyError, 'issues'>): string {
  return (error.issues ?? []).map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
}
