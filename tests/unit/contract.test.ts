import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { channels, schemas } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

let backend: Backend;
let cleanup: () => void;
beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = createBackend({ dbPath: seededDb(path.join(t.dir, 'c.db')), transport: 'test' });
});
afterAll(() => {
  backend.close();
  cleanup();
});

describe('contract', () => {
  it('every channel has a schema and a handler', () => {
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) {
      expect(schemas[c]).toBeDefined();
      expect(typeof backend.handlers[c]).toBe('function');
    }
  });

  it('rejects an unknown channel', async () => {
    expect(await dispatch(backend.handlers, 'wards.drop', {})).toEqual({ ok: false, error: { kind: 'invalid-input', channel: 'wards.drop', message: "Unknown request 'wards.drop'." } });
    expect(await dispatch(backend.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await dispatch(backend.handlers, 'toString', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('rejects bad arguments as invalid-input, with the channel and an issue naming the field', async () => {
    expect(await dispatch(backend.handlers, 'profile.get', { area: { kind: 'ward', code: 'Castle' } })).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        channel: 'profile.get',
        message: 'A ward code looks like E05013246.',
        issues: [{ path: ['area', 'code'], message: 'a ward code looks like E05013246' }],
      },
    });
    const missing = await dispatch(backend.handlers, 'profile.get', { area: { kind: 'ward' } });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'invalid-input', channel: 'profile.get', issues: [{ path: ['area', 'code'] }] } });
    const extra = await dispatch(backend.handlers, 'wards.list', { query: 'x', drop: true });
    expect(!extra.ok && extra.error.message).toMatch(/drop|Unrecognized/i);
    const wrongType = await dispatch(backend.handlers, 'wards.list', { query: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['query'] }] } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^The search text: /);
    const nested = await dispatch(backend.handlers, 'laps.setWards', { id: 1, wards: ['E05013246', 'Castle'] });
    expect(nested).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['wards', 1], message: 'a ward code looks like E05013246' }] } });
    const huge = await dispatch(backend.handlers, 'wards.list', { query: 'x'.repeat(10_000) });
    expect(huge).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const notObject = await dispatch(backend.handlers, 'wards.list', 'castle');
    expect(notObject).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('reports a missing ward as not-found', async () => {
    expect(await dispatch(backend.handlers, 'profile.get', { area: { kind: 'ward', code: 'E05099999' } })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', channel: 'profile.get', message: 'There is no ward with code E05099999.' },
    });
  });

  it('finds wards forgivingly', async () => {
    const find = async (query: string) => {
      const r = await dispatch(backend.handlers, 'wards.list', { query });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { name: string }[]).map((w) => w.name);
    };
    expect((await find('st george'))[0]).toBe('St. George');
    expect((await find('Duston West & St Crispin'))[0]).toBe('Duston West and St. Crispin');
    expect((await find('CASTLE'))[0]).toBe('Castle');
    expect((await find('E05013246'))[0]).toBe('Castle');
    expect(await find('zzz')).toEqual([]);
    expect(await find('')).toHaveLength(57);
  });
});
