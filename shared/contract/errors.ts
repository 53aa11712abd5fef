/** The zod schema of a ReplyError (shared/errors.ts), for code that checks a reply it did not build (renderer/src/api.ts). */
import { z } from 'zod';
import { ERROR_KINDS, MAX_ISSUES, type ReplyError } from '../errors.ts';

export const errorIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }).strict();

export const replyErrorSchema = z
  .object({
    kind: z.enum(ERROR_KINDS),
    message: z.string(),
    channel: z.string(),
    issues: z.array(errorIssueSchema).max(MAX_ISSUES).optional(),
  })
  .strict();

// The schema and the interface describe the same shape: tsc fails here when one changes without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<z.output<typeof replyErrorSchema>, ReplyError> = true;
void schemaMatchesInterface;
