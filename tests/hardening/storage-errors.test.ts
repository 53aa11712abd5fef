/**
 * A read-only location or a full disk gives a plain sentence, at start-up and while the app runs; never a crash.
 *
 * Real where the machine allows (see helpers/fs-tricks.ts): a read-only folder (chmod when not root, a read-only
 * bind mount as root) and a full disk (a 1 MB tmpfs, root). Always, without privileges: real SQLite errors made on
 * purpose — SQLITE_READONLY from `PRAGMA query_only` and SQLITE_FULL from `PRAGMA max_page_count` — raised inside
 * real handlers; and the code-to-message mapping for each code SQLite and Node use.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AppError } from '../../shared/contract.ts';
import { run } from '../helpers/cli.ts';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { StorageError, describeStorageProblem, toStorageError } from '../../backend/safety/storage-errors.ts';
import { guardHandlers } from '../../backend/safety/guard.ts';
import { tempDir } from '../helpers/tmp.ts';
import { readOnlyDir, tinyDisk } from './helpers/fs-tricks.ts';

const readOnlyMessage = (dir: string) => `LAP Insight cannot save to ${dir} because the folder is read-only. Choose another place with --db or LAP_INSIGHT_DB.`;
const fullMessage = (dir: string) => `LAP Insight cannot save to ${dir} because the disk is full. Free some space, or choose another place with --db or LAP_INSIGHT_DB.`;
const how: string[] = [];
afterAll(() => console.log(`[storage-errors] ${how.join('; ')}`));

function startError(dbPath: string): unknown {
  try {
    createBackend({ dbPath, transport: 'test', onNotice: () => {} }).close();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('a read-only location', () => {
  it('real: a new database in a read-only folder gives the plain message', (ctx) => {
    const ro = readOnlyDir();
    if (!ro) {
      how.push('read-only folder: NOT available on this machine (mount refused), covered by the simulated cases only');
      return ctx.skip('no read-only folder can be made on this machine (mount refused); the simulated cases cover it');
    }
    try {
      const err = startError(path.join(ro.dir, 'lap-insight.db'));
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).kind).toBe('read-only');
      expect((err as Error).message).toBe(readOnlyMessage(ro.dir));
      how.push(`read-only folder, new database: real (${ro.how}), code ${(err as StorageError).code}`);
    } finally {
      ro.cleanup();
    }
  });

  it('real: an existing, healthy database in a read-only folder gives the plain message and is left as it was', async (ctx) => {
    let dbFile = '';
    const ro = readOnlyDir((dir) => {
      dbFile = path.join(dir, 'lap-insight.db');
      createBackend({ dbPath: dbFile, transport: 'test' }).close();
    });
    if (!ro) return ctx.skip('no read-only folder can be made on this machine (mount refused); the simulated cases cover it');
    try {
      const dbPath = path.join(ro.dir, 'lap-insight.db');
      const err = startError(dbPath);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as Error).message).toBe(readOnlyMessage(ro.dir));
      how.push(`read-only folder, existing database: real (${ro.how}), code ${(err as StorageError).code}`);
      // The CLI says it in one line.
      const lines: string[] = [];
      const code = await run(['wards', '--db', dbPath], { out: () => {}, err: (t) => lines.push(t) });
      expect(code).toBe(1);
      expect(lines).toEqual([`lap-insight: ${readOnlyMessage(ro.dir)}`]);
    } finally {
      ro.cleanup();
    }
  });

  it('simulated: SQLITE_READONLY from a real handler (PRAGMA query_only) becomes the plain message', async () => {
    const t = tempDir('lap-ro-sim-');
    try {
      const dbPath = path.join(t.dir, 'lap-insight.db');
      const b = createBackend({ dbPath, transport: 'test' });
      b.db.pragma('query_only = 1');
      const reply = await dispatch(b.handlers, 'laps.create', { setId: 1, name: 'Cannot be saved' });
      expect(reply).toEqual({ ok: false, error: { kind: 'storage', channel: 'laps.create', message: readOnlyMessage(t.dir) } });
      // Reading still works.
      expect((await dispatch(b.handlers, 'wards.list', {})).ok).toBe(true);
      how.push('SQLITE_READONLY inside a handler: simulated with PRAGMA query_only (a real SQLite error)');
      b.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('a full disk', () => {
  it('real: a new database on a full disk gives the plain message', (ctx) => {
    const disk = tinyDisk('1m');
    if (!disk) {
      how.push('full disk: NOT available on this machine (needs root and mount), covered by the simulated case only');
      return ctx.skip('no small full disk can be made on this machine (needs root and mount); the simulated case covers it');
    }
    try {
      const err = startError(path.join(disk.dir, 'lap-insight.db'));
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).kind).toBe('disk-full');
      expect((err as Error).message).toBe(fullMessage(disk.dir));
      how.push(`full disk at start-up: real (${disk.how}), code ${(err as StorageError).code}`);
    } finally {
      disk.cleanup();
    }
  });

  it('simulated: SQLITE_FULL from a real handler (PRAGMA max_page_count) becomes the plain message, and nothing half-written stays', async () => {
    const t = tempDir('lap-full-sim-');
    try {
      const dbPath = path.join(t.dir, 'lap-insight.db');
      const b = createBackend({ dbPath, transport: 'test' });
      const pages = b.db.pragma('page_count', { simple: true }) as number;
      b.db.pragma(`max_page_count = ${pages}`);
      const before = (await dispatch(b.handlers, 'laps.list', {})) as { ok: true; value: unknown[] };
      const sets = (await dispatch(b.handlers, 'lapSets.list', {})) as { ok: true; value: { id: number; kind: string }[] };
      const custom = sets.value.find((s) => s.kind === 'custom')!;
      let reply;
      for (let i = 0; i < 200; i++) {
        reply = await dispatch(b.handlers, 'laps.create', { setId: custom.id, name: `Filler ${i}`, wards: ['E05013246'], notes: 'x'.repeat(9000) });
        if (!reply.ok) break;
      }
      expect(reply).toEqual({ ok: false, error: { kind: 'storage', channel: 'laps.create', message: fullMessage(t.dir) } });
      // The failed write left nothing behind: every LAP that exists was completely written.
      expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const after = (await dispatch(b.handlers, 'laps.list', {})) as { ok: true; value: { name: string; wardCount: number }[] };
      expect(after.value.length).toBeGreaterThanOrEqual(before.value.length);
      for (const lap of after.value) expect(lap.wardCount).toBeGreaterThan(0);
      how.push('SQLITE_FULL inside a handler: simulated with PRAGMA max_page_count (a real SQLite error)');
      b.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('the code-to-message mapping', () => {
  const dir = '/home/member/LAP Insight';
  const db = path.join(dir, 'lap-insight.db');
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each([
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DIRECTORY', 'read-only'],
    ['SQLITE_READONLY_RECOVERY', 'read-only'],
    ['EROFS', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['SQLITE_FULL', 'disk-full'],
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['SQLITE_BUSY', 'locked'],
    ['SQLITE_LOCKED', 'locked'],
    ['EBUSY', 'locked'],
    ['SQLITE_IOERR_WRITE', 'disk-error'],
    ['SQLITE_IOERR_FSYNC', 'disk-error'],
    ['EIO', 'disk-error'],
  ])('%s -> %s', (code, kind) => {
    const problem = describeStorageProblem(err(code), db);
    expect(problem?.kind).toBe(kind);
    expect(problem?.message).toMatch(/^LAP Insight (cannot|could not)/);
    expect(problem?.message).toContain(kind === 'locked' || kind === 'disk-error' ? db : dir);
    // Found through a cause chain too (db.ts wraps open errors).
    expect(describeStorageProblem(new Error('Could not open the database', { cause: err(code) }), db)?.kind).toBe(kind);
  });

  it('tells "cannot open" apart from "read-only" by whether the folder is writable', () => {
    expect(describeStorageProblem(err('SQLITE_CANTOPEN'), db, () => false)).toMatchObject({ kind: 'read-only', message: readOnlyMessage(dir) });
    expect(describeStorageProblem(err('SQLITE_CANTOPEN', 'unable to open database file'), db, () => true)).toMatchObject({
      kind: 'cannot-open',
      message: `LAP Insight cannot open the database at ${db} (unable to open database file). Choose another place with --db or LAP_INSIGHT_DB.`,
    });
  });

  it('leaves other errors alone', () => {
    for (const e of [err('SQLITE_CONSTRAINT_UNIQUE'), err('SQLITE_ERROR'), new TypeError('x is undefined'), new AppError('invalid-input', 'bad'), 'a string']) {
      expect(describeStorageProblem(e, db)).toBeNull();
      expect(toStorageError(e, db)).toBeNull();
    }
  });

  it('the runtime guard maps only SQLite storage codes; fs errors from other files keep their own message', async () => {
    const handlers = guardHandlers(
      {
        'app.info': async () => {
          throw err('ENOSPC', 'ENOSPC: no space left on device, write /exports/report.pdf');
        },
        'wards.list': async () => {
          throw err('SQLITE_FULL', 'database or disk is full');
        },
        'laps.get': async () => {
          throw new AppError('not-found', 'No such LAP.');
        },
      } as never,
      db,
    );
    await expect((handlers as unknown as Record<string, () => Promise<unknown>>)['app.info']!()).rejects.toThrow(/report\.pdf/);
    await expect((handlers as unknown as Record<string, () => Promise<unknown>>)['wards.list']!()).rejects.toMatchObject({ kind: 'storage', message: fullMessage(dir) });
    await expect((handlers as unknown as Record<string, () => Promise<unknown>>)['laps.get']!()).rejects.toMatchObject({ kind: 'not-found' });
  });
});
