/**
 * The ReplyError shape (shared/errors.ts): its zod schema, the zod-free guard the preload uses, the builders the
 * dispatcher and transports use, and the plain-English wording the renderer and the CLI both show.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replyErrorSchema } from '../../shared/contract/errors.ts';
import {
  AppError,
  ERROR_KINDS,
  MAX_ISSUES,
  describeIssue,
  describeReplyError,
  errorReply,
  invalidInput,
  isReplyError,
  issuesFromZod,
  replyError,
  toReplyError,
} from '../../shared/errors.ts';

describe('ReplyError schema and guard', () => {
  const good = [
    { kind: 'not-found', message: 'There is no LAP with id 9.', channel: 'laps.get' },
    { kind: 'invalid-input', message: 'A ward code looks like E05013246.', channel: 'wards.get', issues: [{ path: ['code'], message: 'a ward code looks like E05013246' }] },
    { kind: 'invalid-input', message: 'x', channel: 'laps.setWards', issues: [{ path: ['wards', 1], message: 'y' }] },
    { kind: 'forbidden', message: 'Missing or wrong access token.', channel: '' },
    ...ERROR_KINDS.map((kind) => ({ kind, message: 'm', channel: 'app.info' })),
  ];
  const bad: unknown[] = [
    null,
    'not-found',
    { kind: 'validation', message: 'the old kind', channel: 'wards.get' },
    { kind: 'not-found', message: 'no channel' },
    { kind: 'not-found', channel: 'wards.get' },
    { kind: 'not-found', message: 42, channel: 'wards.get' },
    { kind: 'invalid-input', message: 'm', channel: 'c', issues: 'code' },
    { kind: 'invalid-input', message: 'm', channel: 'c', issues: [{ path: 'code', message: 'm' }] },
    { kind: 'invalid-input', message: 'm', channel: 'c', issues: [{ path: [{}], message: 'm' }] },
    { kind: 'invalid-input', message: 'm', channel: 'c', issues: [{ path: ['code'] }] },
  ];

  it('accepts every well-formed error, in the schema and in the zod-free guard alike', () => {
    for (const e of good) {
      expect(replyErrorSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
      expect(isReplyError(e), JSON.stringify(e)).toBe(true);
    }
  });

  it('refuses malformed ones (the old kind, no channel, issues that are not path + message), in both', () => {
    for (const e of bad) {
      expect(replyErrorSchema.safeParse(e).success, JSON.stringify(e)).toBe(false);
      expect(isReplyError(e), JSON.stringify(e)).toBe(false);
    }
  });
});

describe('builders', () => {
  it('replyError keeps issues only when there are some, and at most MAX_ISSUES', () => {
    expect(replyError('conflict', 'laps.rename', 'There is already a LAP called N4.')).toEqual({ kind: 'conflict', channel: 'laps.rename', message: 'There is already a LAP called N4.' });
    expect(replyError('conflict', 'laps.rename', 'm', [])).not.toHaveProperty('issues');
    const many = Array.from({ length: 12 }, (_, i) => ({ path: ['wards', i], message: 'a ward code looks like E05013246' }));
    expect(replyError('invalid-input', 'laps.setWards', 'm', many).issues).toHaveLength(MAX_ISSUES);
    expect(errorReply('forbidden', 'app.info', 'Refused: no.')).toEqual({ ok: false, error: { kind: 'forbidden', channel: 'app.info', message: 'Refused: no.' } });
  });

  it('invalidInput words its message from the issues', () => {
    expect(invalidInput('wards.get', [{ path: ['code'], message: 'a ward code looks like E05013246' }])).toEqual({
      kind: 'invalid-input',
      channel: 'wards.get',
      message: 'A ward code looks like E05013246.',
      issues: [{ path: ['code'], message: 'a ward code looks like E05013246' }],
    });
  });

  it('issuesFromZod keeps each path as a list (numbers as numbers), at most MAX_ISSUES', () => {
    const schema = z.object({ wards: z.array(z.string().regex(/^E05\d{6}$/, 'a ward code')), 'a.b': z.number() }).strict();
    const result = schema.safeParse({ wards: ['E05013246', 'x'], 'a.b': 'no' });
    expect(result.success).toBe(false);
    const issues = issuesFromZod(result.error!);
    expect(issues).toContainEqual({ path: ['wards', 1], message: 'a ward code' });
    // A key with a dot stays one path element: nothing is split apart again later.
    expect(issues.find((i) => i.path[0] === 'a.b')?.path).toEqual(['a.b']);
    const wide = z.array(z.number()).safeParse(Array.from({ length: 20 }, () => 'x'));
    expect(issuesFromZod(wide.error!)).toHaveLength(MAX_ISSUES);
  });

  it('toReplyError keeps an AppError whole, and never passes on a fault\'s own text', () => {
    const issues = [{ path: ['fileId'], message: 'gone' }];
    expect(toReplyError('import.start', new AppError('not-found', 'The file is no longer held.', issues))).toEqual({
      kind: 'not-found',
      channel: 'import.start',
      message: 'The file is no longer held.',
      issues,
    });
    for (const thrown of [new Error("ENOENT: no such file or directory, open '/home/member/lap.db'"), new TypeError('x is undefined'), 'a string', undefined]) {
      const e = toReplyError('profile.get', thrown);
      expect(e.kind).toBe('internal');
      expect(e.channel).toBe('profile.get');
      expect(e.message).not.toMatch(/home|ENOENT|undefined|string/);
      expect(e.message).toMatch(/^Something went wrong inside LAP Insight \(profile\.get\)/);
    }
  });
});

describe('plain English', () => {
  it('a message that names its field is shown as a sentence', () => {
    expect(describeIssue({ path: ['code'], message: 'a ward code looks like E05013246' })).toBe('A ward code looks like E05013246.');
    expect(describeIssue({ path: ['name'], message: 'a name is needed' })).toBe('A name is needed.');
    expect(describeIssue({ path: ['indicatorIds'], message: 'each indicator once: x is listed more than once' })).toBe('Each indicator once: x is listed more than once.');
  });

  it("zod's own wording gets the field's name in front", () => {
    expect(describeIssue({ path: ['query'], message: 'Invalid input: expected string, received number' })).toBe('The search text: Invalid input: expected string, received number.');
    expect(describeIssue({ path: ['area', 'weightIndicator'], message: 'too long' })).toBe('The weight indicator: too long.');
    expect(describeIssue({ path: ['wards', 3], message: 'Invalid input' })).toBe('The wards: Invalid input.');
    // Field names that are also Object.prototype's (the fuzz tests send them) are only names.
    expect(describeIssue({ path: ['constructor'], message: 'unrecognised' })).toBe('The constructor: unrecognised.');
    expect(describeIssue({ path: [], message: 'Invalid input: expected object, received null' })).toBe('Invalid input: expected object, received null.');
  });

  it('an import mapping names the column of the person\'s file, dots and all', () => {
    expect(describeIssue({ path: ['mapping', 'columns', 'Smokers.2023', 'id'], message: 'an indicator id uses letters, digits, _ . : and - (no spaces)' })).toBe(
      'Column ‘Smokers.2023’ (id): an indicator id uses letters, digits, _ . : and - (no spaces)',
    );
    expect(describeIssue({ path: ['mapping', 'columns', 'Smokers'], message: 'unknown role' })).toBe('Column ‘Smokers’: unknown role.');
    expect(describeIssue({ path: ['mapping', 'dataset', 'licence'], message: 'at most 200 characters' })).toBe('The source details (licence): at most 200 characters.');
  });

  it('describeReplyError: issues when there are some; otherwise the message, its first letter left alone', () => {
    expect(describeReplyError(invalidInput('laps.rename', [{ path: ['name'], message: 'a name is needed' }, { path: ['colour'], message: 'a colour looks like #1b9e77' }]))).toBe(
      'A name is needed. A colour looks like #1b9e77.',
    );
    expect(describeReplyError(replyError('invalid-input', 'laps.import', 'laps.csv: row 3: there is no ward called Nowhere'))).toBe('laps.csv: row 3: there is no ward called Nowhere.');
    expect(describeReplyError(replyError('not-found', 'laps.get', 'There is no LAP with id 9.'))).toBe('There is no LAP with id 9.');
    expect(describeReplyError(replyError('internal', 'laps.get', '  '))).toMatch(/^Something went wrong inside LAP Insight \(laps\.get\)/);
  });
});
