/**
 * The renderer's one describeError (renderer/src/errors.ts), and api.ts turning a ReplyError from the transport into
 * a typed ApiError with every field intact. Pure TypeScript: the HTTP transport runs against stubbed window/fetch.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplyError } from '../../shared/errors.ts';
import { ApiError, send } from '../../renderer/src/api.ts';
import { describeError } from '../../renderer/src/errors.ts';

const refused: ReplyError = {
  kind: 'invalid-input',
  channel: 'import.preview',
  message: 'Column ‘Smokers’ (id): an indicator id uses letters, digits, _ . : and - (no spaces)',
  issues: [{ path: ['mapping', 'columns', 'Smokers', 'id'], message: 'an indicator id uses letters, digits, _ . : and - (no spaces)' }],
};

describe('describeError', () => {
  it('names the field from the issues, in plain English', () => {
    expect(describeError(new ApiError(refused))).toBe('Column ‘Smokers’ (id): an indicator id uses letters, digits, _ . : and - (no spaces)');
    const setWards = new ApiError({
      kind: 'invalid-input',
      channel: 'laps.setWards',
      message: 'ignored when there are issues',
      issues: [{ path: ['wards', 0], message: 'a ward code looks like E05013246' }, { path: ['query'], message: 'Invalid input: expected string, received number' }],
    });
    expect(describeError(setWards)).toBe('A ward code looks like E05013246. The search text: Invalid input: expected string, received number.');
  });

  it("shows a service's message as it is (a file name keeps its case), with a full stop", () => {
    expect(describeError(new ApiError({ kind: 'invalid-input', channel: 'laps.import', message: 'broken.json is not a LAP Insight LAP file' }))).toBe('broken.json is not a LAP Insight LAP file.');
    expect(describeError(new ApiError({ kind: 'conflict', channel: 'laps.rename', message: 'There is already a LAP called N4 in West Northamptonshire LAPs.' }))).toBe(
      'There is already a LAP called N4 in West Northamptonshire LAPs.',
    );
    expect(describeError(new ApiError({ kind: 'unreachable', channel: 'app.info', message: 'LAP Insight cannot reach its data service.' }))).toBe('LAP Insight cannot reach its data service.');
  });

  it('words an internal fault without its detail, and anything else by its message', () => {
    expect(describeError(new ApiError({ kind: 'internal', channel: 'profile.get', message: '' }))).toMatch(/^Something went wrong inside LAP Insight \(profile\.get\)/);
    expect(describeError(new Error('The map could not start'))).toBe('The map could not start.');
    expect(describeError('plain text')).toBe('plain text.');
    expect(describeError(undefined)).toBe('Something went wrong. Nothing was changed.');
    expect(describeError(new Error('  '))).toBe('Something went wrong. Nothing was changed.');
  });
});

describe('api.ts over the HTTP transport', () => {
  afterEach(() => vi.unstubAllGlobals());

  function stubBrowser(body: unknown, status = 200) {
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('window', { location: { hash: '#token=abc', pathname: '/', search: '' } });
    vi.stubGlobal('history', { state: null, replaceState: () => {} });
    vi.stubGlobal('sessionStorage', { getItem: () => 'abc', setItem: () => {} });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('rethrows the ReplyError as an ApiError: kind, message, channel and issues intact', async () => {
    const fetch = stubBrowser({ ok: false, error: refused });
    const err = await send('import.preview', { fileName: 'a.csv', contentBase64: '' }).catch((e: unknown) => e);
    expect(fetch).toHaveBeenCalledOnce();
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'invalid-input', channel: 'import.preview', message: refused.message, issues: refused.issues });
  });

  it('an answer that is not a Reply becomes an internal ApiError naming the verb, never a crash', async () => {
    stubBrowser({ ok: false, error: { kind: 'validation', message: 'the old shape' } });
    await expect(send('wards.list', {})).rejects.toMatchObject({ name: 'ApiError', kind: 'internal', channel: 'wards.list' });
  });

  it('resolves an ok reply to its value', async () => {
    stubBrowser({ ok: true, value: [] });
    await expect(send('wards.list', {})).resolves.toEqual([]);
  });
});
