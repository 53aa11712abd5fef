/**
 * Files staged for import ('files.stage'): the window sends a file once and then names it by id in every preview
 * and in the import itself, instead of sending the whole file again each time. Kept in the backend's memory only,
 * for STAGED_FILE_MINUTES after last use, at most MAX_STAGED files and MAX_STAGED_BYTES in all (the oldest go first).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract.ts';
import { STAGED_FILE_MINUTES, type StagedFile } from '../../shared/contract/data.ts';

export const MAX_STAGED = 4;
export const MAX_STAGED_BYTES = 400 * 1024 * 1024;

interface Entry {
  fileName: string;
  bytes: Buffer;
  used: number;
}

export class StagedFiles {
  private readonly files = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  put(fileName: string, bytes: Buffer): StagedFile {
    this.prune();
    const fileId = randomUUID();
    this.files.set(fileId, { fileName, bytes, used: this.now() });
    let total = [...this.files.values()].reduce((n, e) => n + e.bytes.length, 0);
    for (const [id, e] of [...this.files].sort((a, b) => a[1].used - b[1].used)) {
      if (this.files.size <= MAX_STAGED && total <= MAX_STAGED_BYTES) break;
      if (id === fileId) break;
      this.files.delete(id);
      total -= e.bytes.length;
    }
    return { fileId, bytes: bytes.length };
  }

  /** The staged bytes; a plain 'not-found' when the id is unknown or has expired. */
  get(fileId: string): Buffer {
    this.prune();
    const e = this.files.get(fileId);
    if (!e) {
      const message = `The file is no longer held by the app (files are kept for ${STAGED_FILE_MINUTES} minutes); choose it again.`;
      throw new AppError('not-found', message, [{ path: ['fileId'], message }]);
    }
    e.used = this.now();
    return e.bytes;
  }

  drop(fileId: string): void {
    this.files.delete(fileId);
  }

  get size(): number {
    return this.files.size;
  }

  private prune(): void {
    const cutoff = this.now() - STAGED_FILE_MINUTES * 60_000;
    for (const [id, e] of this.files) if (e.used < cutoff) this.files.delete(id);
  }
}
