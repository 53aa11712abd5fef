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
    expect(await dispatch(backend.handlers, 'wards.drop', {})).toEqual({ ok: false, error: { kind: 'validation', message: "Unknown request 'wards.drop'." } });
    expect(await dispatch(backend.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await dispatch(backend.handlers, 'toString', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('rejects bad arguments with a clear message naming the field', async () => {
    expect(await dispatch(backend.handlers, 'wards.get', { code: 'Castle' })).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'wards.get: code: a ward code looks like E05013246' },
    });
    const missing = await dispatch(backend.handlers, 'wards.get', {});
    expect(missing).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(!missing.ok && missing.error.message).toMatch(/^wards\.get: code: /);
    const extra = await dispatch(backend.handlers, 'wards.list', { query: 'x', drop: true });
    expect(!extra.ok && extra.error.message).toMatch(/drop|Unrecognized/i);
    const wrongType = await dispatch(backend.handlers, 'wards.list', { query: 42 });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^wards\.list: query: /);
    const huge = await dispatch(backend.handlers, 'wards.list', { query: 'x'.repeat(10_000) });
    expect(huge).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const notObject = await dispatch(backend.handlers, 'wards.list', 'castle');
    expect(notObject).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('reports a missing ward as not-found', async () => {
    expect(await dispatch(backend.handlers, 'wards.get', { code: 'E05099999' })).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'There is no ward with code E05099999.' },
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
