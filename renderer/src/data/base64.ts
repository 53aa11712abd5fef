/**
 * Reads a dropped or chosen file and turns it into base64 for the import verbs, a slice at a time: each slice
 * (a multiple of 3 bytes, so the pieces join without padding in the middle) is encoded on its own, the pieces are
 * kept in an array and joined once at the end. Between slices the page gets a turn, so the progress bar moves and
 * a Cancel click is seen. No string is grown by repeated concatenation.
 */

/** Bytes per slice: 3 x 256 KiB. */
const SLICE = 3 * 256 * 1024;
/** Bytes per String.fromCharCode call (well under the engine's argument limit). */
const CALL = 0x8000;

export class ReadCancelled extends Error {
  constructor() {
    super('Reading the file was cancelled.');
    this.name = 'ReadCancelled';
  }
}

function sliceToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CALL) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CALL, bytes.length)) as unknown as number[]));
  }
  return btoa(parts.join(''));
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Base64 of `buffer`. `onProgress(done, total)` after each slice; `isCancelled()` is asked between slices and
 * stops the work with ReadCancelled.
 */
export async function toBase64(buffer: ArrayBuffer, onProgress?: (done: number, total: number) => void, isCancelled?: () => boolean): Promise<string> {
  const bytes = new Uint8Array(buffer);
  const total = bytes.length;
  const pieces: string[] = [];
  let sinceTurn = 0;
  for (let start = 0; start < total; start += SLICE) {
    const end = Math.min(start + SLICE, total);
    pieces.push(sliceToBase64(bytes.subarray(start, end)));
    sinceTurn += end - start;
    if (sinceTurn >= 4 * SLICE || end === total) {
      sinceTurn = 0;
      onProgress?.(end, total);
      await nextTurn();
      if (isCancelled?.()) throw new ReadCancelled();
    }
  }
  return pieces.join('');
}

/** The file's bytes as base64, with progress over reading and encoding. */
export async function readFileAsBase64(file: File, onProgress?: (done: number, total: number) => void, isCancelled?: () => boolean): Promise<string> {
  onProgress?.(0, file.size);
  const buffer = await file.arrayBuffer();
  if (isCancelled?.()) throw new ReadCancelled();
  return toBase64(buffer, onProgress, isCancelled);
}
