/**
 * A streaming CSV reader for user files: detects the encoding (UTF-8 with or without a byte-order mark,
 * UTF-16 with a mark, otherwise Windows-1252), the delimiter (comma, tab or semicolon) and binary files;
 * parses RFC 4180 quoting (embedded quotes, delimiters and newlines) and CR, LF or CRLF line ends,
 * one chunk at a time so a large file is never held as one string.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1 and the first data row is row 2,
 * whatever the number of line breaks inside quoted fields. Blank lines keep their number and are skipped.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type Delimiter = ',' | '\t' | ';';

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon' };

/** Bytes of a file, read in chunks, possibly more than once (a scan, then the parse). */
export interface ByteSource {
  /** The file name shown in messages (no folders). */
  name: string;
  size: number;
  /** The first bytes (up to 64 KiB), to recognise the encoding and binary files before reading. */
  head(): Uint8Array;
  chunks(signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

const HEAD = 65536;

const CHUNK = 1 << 20;

/** Lets other work (a Cancel, a progress poll) run between chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled. Nothing was changed.');
    this.name = 'ImportCancelled';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelled();
}

export function bufferSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    head: () => bytes.subarray(0, Math.min(bytes.length, HEAD)),
    async *chunks(signal) {
      for (let at = 0; at < bytes.length; at += CHUNK) {
        throwIfAborted(signal);
        yield bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
        await yieldToEventLoop();
      }
    },
  };
}

export function fileSource(file: string): ByteSource {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new Error(`${file}: there is no such file, or it cannot be read.`);
  }
  return {
    name: path.basename(file),
    size,
    head: () => {
      const fd = openSync(file, 'r');
      try {
        const buf = Buffer.alloc(Math.min(size, HEAD));
        const n = readSync(fd, buf, 0, buf.length, 0);
        return buf.subarray(0, n);
      } finally {
        closeSync(fd);
      }
    },
    async *chunks(signal) {
      const stream = createReadStream(file, { highWaterMark: CHUNK });
      try {
        for await (const chunk of stream) {
          throwIfAborted(signal);
          yield chunk as Buffer;
        }
      } finally {
        stream.destroy();
      }
    },
  };
}

export interface ScanResult {
  sha256: string;
  size: number;
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Why this is not a text file, in plain English; null when it looks like text. */
  binary: string | null;
  /** Line feeds (or carriage returns, for old Mac files) in the file: an upper bound on the number of rows. */
  lines: number;
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another zip file; save it from Excel as "CSV UTF-8" first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls); save it from Excel as "CSV UTF-8" first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file; unzip it first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** Looks at the first bytes: a byte-order mark, a known binary format, or control characters that text never has. */
export function sniffHead(head: Uint8Array): { encoding: Encoding | null; bomLength: number; binary: string | null } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3, binary: null };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2, binary: null };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2, binary: null };
  for (const m of MAGIC) if (startsWith(head, m.bytes)) return { encoding: null, bomLength: 0, binary: `it looks like ${m.what}` };
  let control = 0;
  const n = Math.min(head.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return { encoding: null, bomLength: 0, binary: `it contains binary data (a zero byte at byte ${i + 1}), so it is not a CSV text file` };
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a) || b === 0x7f) control++;
  }
  if (n > 0 && control / n > 0.01) {
    return { encoding: null, bomLength: 0, binary: `it contains binary data (${control} control characters in the first ${n} bytes), so it is not a CSV text file` };
  }
  return { encoding: null, bomLength: 0, binary: null };
}

/**
 * One pass over the bytes: the SHA-256 (to recognise a file imported before), whether it is valid UTF-8,
 * and whether it is text at all. Cheap next to parsing (both are native code).
 */
export async function scanBytes(source: ByteSource, forced: Encoding | undefined, signal?: AbortSignal): Promise<ScanResult> {
  const hash = createHash('sha256');
  let head: Uint8Array | null = null;
  let utf8 = true;
  let carry: Uint8Array = new Uint8Array(0);
  let size = 0;
  let lf = 0;
  let cr = 0;
  for await (const chunk of source.chunks(signal)) {
    hash.update(chunk);
    size += chunk.length;
    lf += countByte(chunk, 10);
    if (lf === 0) cr += countByte(chunk, 13);
    if (!head) head = chunk.subarray(0, Math.min(chunk.length, 65536));
    if (utf8 && !forced) {
      // Validate UTF-8 across chunk boundaries: hold back an incomplete trailing sequence.
      const joined = carry.length ? concat(carry, chunk) : chunk;
      const cut = incompleteUtf8Tail(joined);
      if (!isUtf8(joined.subarray(0, joined.length - cut))) utf8 = false;
      carry = joined.slice(joined.length - cut);
    }
  }
  if (carry.length) utf8 = false;
  const sniff = sniffHead(head ?? new Uint8Array(0));
  let encoding: Encoding = forced ?? sniff.encoding ?? (utf8 ? 'utf-8' : 'windows-1252');
  if (!forced && sniff.encoding === 'utf-8' && !utf8) encoding = 'windows-1252';
  const bomLength = sniff.encoding && (forced === undefined || forced === sniff.encoding) ? sniff.bomLength : 0;
  return { sha256: hash.digest('hex'), size, encoding, bomLength, binary: sniff.encoding ? null : sniff.binary, lines: Math.max(lf, cr) + 1 };
}

function countByte(b: Uint8Array, byte: number): number {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** How many bytes at the end start a UTF-8 sequence that the chunk does not finish (0-3). */
function incompleteUtf8Tail(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Chooses the delimiter that splits the header (and the next lines) most consistently. */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';'] as Delimiter[]) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = first * 1000 + consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') q = !q;
    else if (c === d && !q) n++;
  }
  return n;
}

export type RecordHandler = (fields: string[], row: number) => void;

/**
 * The longest field a file may have: 1 MB (in characters). Indicator data never comes near it (the longest real
 * fields are definitions of a few hundred characters); a longer one is nearly always a quote never closed, or not
 * a data file at all. Refusing it at once keeps memory and time bounded: a 50 MB field used to be carried through
 * (1.2 GB of memory, 20 s).
 */
export const MAX_FIELD_CHARS = 1 << 20;
const MB = (n: number) => `${(n / (1 << 20)).toFixed(0)} MB`;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Incremental RFC 4180 parser. Feed it text with `push(text)` and finish with `end()`; it calls `onRecord`
 * for every complete record. A quoted field may span chunks and lines.
 *
 * Hand-written on purpose (issue 18, item 11): csv-parse, with the options that match these rules, takes 4.5
 * times the CPU on the 228,000-row import file (1.19 s against 0.26 s; tests/bench/csv.bench.ts, BENCHMARKS.md
 * "csv"), which alone would undo the import goal of issue 17. The fast path splits whole lines with native
 * indexOf/split; csv-parse walks every byte in JavaScript.
 */
export class CsvParser {
  private buf = '';
  private row = 0;
  private readonly d: number;
  /** Rows where a closing quote was followed by more text (kept as text, reported by the caller). */
  readonly looseQuoteRows: number[] = [];

  constructor(
    delimiter: Delimiter,
    private readonly onRecord: RecordHandler,
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  get rowsSeen(): number {
    return this.row;
  }

  push(text: string): void {
    this.buf = this.buf.length ? this.buf + text : text;
    const used = this.parse(false);
    this.buf = used >= this.buf.length ? '' : this.buf.slice(used);
  }

  end(): void {
    this.parse(true);
    this.buf = '';
  }

  /** Parses complete records from the buffer; returns how many characters were consumed. */
  private parse(final: boolean): number {
    const s = this.buf;
    const n = s.length;
    const d = this.d;
    const dch = String.fromCharCode(d);
    let i = 0;
    // Next quote and next CR at or after i (n when none), found once and moved forward only when passed, so the
    // fast path stays linear in the length of the text.
    let nextQuote = -1;
    let nextCr = -1;
    let nextLf = -1;
    while (i < n) {
      // Fast path: a record with no quotes and no bare CR, ended by LF or CRLF, split with native indexOf.
      if (nextLf < i) {
        nextLf = s.indexOf('\n', i);
        if (nextLf === -1) nextLf = n;
      }
      const nl = nextLf < n ? nextLf : -1;
      if (nl !== -1) {
        if (nextQuote < i) {
          nextQuote = s.indexOf('"', i);
          if (nextQuote === -1) nextQuote = n;
        }
        if (nextCr < i) {
          nextCr = s.indexOf('\r', i);
          if (nextCr === -1) nextCr = n;
        }
        if (nextQuote > nl && (nextCr > nl || nextCr === nl - 1)) {
          const end = nextCr === nl - 1 ? nl - 1 : nl;
          this.row++;
          if (end > i) {
            const fields = s.slice(i, end).split(dch);
            if (end - i > MAX_FIELD_CHARS) this.checkLengths(fields, this.row);
            this.onRecord(fields, this.row);
          }
          i = nl + 1;
          continue;
        }
      }
      const start = i;
      const fields: string[] = [];
      // Each way out of this loop either ends the record (break) or waits for more text (return start).
      for (;;) {
        // one field
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let value = '';
          let closed = false;
          for (;;) {
            const k = s.indexOf('"', j);
            if (k === -1) break;
            if (k + 1 < n && s.charCodeAt(k + 1) === QUOTE) {
              value += s.slice(j, k + 1);
              j = k + 2;
              continue;
            }
            if (k + 1 >= n && !final) break; // the next chunk may start with a quote
            value += s.slice(j, k);
            i = k + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (n - i > MAX_FIELD_CHARS) this.tooLong(fields.length + 1, true);
            if (!final) return start;
            throw new CsvSyntaxError(this.row + 1, 'a quoted field is never closed (a " is missing)');
          }
          if (value.length > MAX_FIELD_CHARS) this.tooLong(fields.length + 1, true);
          // Text after the closing quote (e.g. "abc"def): keep it, as spreadsheets do.
          if (i < n) {
            const c = s.charCodeAt(i);
            if (c !== d && c !== CR && c !== LF) {
              let k = i;
              while (k < n) {
                const c2 = s.charCodeAt(k);
                if (c2 === d || c2 === CR || c2 === LF) break;
                k++;
              }
              if (k >= n && !final) return start;
              value += s.slice(i, k);
              i = k;
              this.looseQuoteRows.push(this.row + 1);
            }
          }
          fields.push(value);
        } else {
          // An unquoted field ends at the next delimiter or line end (a quote can only open a field, so none
          // of these can be inside quotes here).
          let k = s.indexOf(dch, i);
          if (k === -1) k = n;
          if (nextLf < i) {
            nextLf = s.indexOf('\n', i);
            if (nextLf === -1) nextLf = n;
          }
          if (nextCr < i) {
            nextCr = s.indexOf('\r', i);
            if (nextCr === -1) nextCr = n;
          }
          if (nextLf < k) k = nextLf;
          if (nextCr < k) k = nextCr;
          if (k - i > MAX_FIELD_CHARS) this.tooLong(fields.length + 1, false);
          if (k >= n && !final) return start;
          fields.push(s.slice(i, k));
          i = k;
        }
        if (i >= n) break; // end of input (final)
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          if (i >= n && final) {
            fields.push('');
            break;
          }
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) return start; // a LF may follow in the next chunk
          i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i += 1; // LF
        break;
      }
      this.row++;
      if (fields.length === 1 && fields[0] === '') continue; // blank line
      this.onRecord(fields, this.row);
    }
    return n;
  }

  private checkLengths(fields: string[], row: number): void {
    for (let c = 0; c < fields.length; c++) {
      if (fields[c]!.length > MAX_FIELD_CHARS) {
        this.row = row - 1;
        this.tooLong(c + 1, false);
      }
    }
  }

  /** Refuses the file at the first field over MAX_FIELD_CHARS (column counted from 1). */
  private tooLong(column: number, quoted: boolean): never {
    throw new CsvSyntaxError(
      this.row + 1,
      `the field in column ${column} is longer than ${MB(MAX_FIELD_CHARS)}, the most one field may hold, so the file was not read further` +
        (quoted ? ' (is a closing " missing?)' : ''),
      column,
    );
  }
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    reason: string,
    /** The column (from 1), when the problem is in one field. */
    readonly column?: number,
  ) {
    super(`row ${row}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface ReadOptions {
  encoding: Encoding;
  bomLength: number;
  /** Chosen by the caller; otherwise detected from the first 64 KiB. */
  delimiter?: Delimiter;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
  /** Called once, before the first record, with the delimiter in use. */
  onDelimiter?: (d: Delimiter) => void;
  /** Throw InvalidText at the first byte sequence that is not valid in the encoding (to retry as Windows-1252). */
  fatal?: boolean;
  /** Sees every chunk of raw bytes (e.g. to hash the file in the same pass). */
  onChunk?: (raw: Uint8Array) => void;
}

/** The bytes are not valid text in the encoding tried. */
export class InvalidText extends Error {
  constructor(readonly encoding: Encoding) {
    super(`the file is not valid ${encoding}`);
    this.name = 'InvalidText';
  }
}

/**
 * Decodes and parses the whole source, calling `onRecord` for each record (header included, as row 1).
 * Returns the delimiter used.
 */
export async function readCsv(source: ByteSource, options: ReadOptions, onRecord: RecordHandler): Promise<{ delimiter: Delimiter; rows: number; looseQuoteRows: number[] }> {
  const decoder = new TextDecoder(options.encoding, { fatal: options.fatal ?? false, ignoreBOM: true });
  const decode = (chunk: Uint8Array | undefined, stream: boolean): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream }) : decoder.decode();
    } catch (err) {
      if (err instanceof TypeError) throw new InvalidText(options.encoding);
      throw err;
    }
  };
  let parser: CsvParser | null = null;
  let delimiter: Delimiter | undefined = options.delimiter;
  let pending = '';
  let skip = options.bomLength;
  let bytes = 0;
  for await (const raw of source.chunks(options.signal)) {
    bytes += raw.length;
    options.onChunk?.(raw);
    let chunk = raw;
    if (skip > 0) {
      const k = Math.min(skip, chunk.length);
      chunk = chunk.subarray(k);
      skip -= k;
    }
    const text = decode(chunk, true);
    if (!parser) {
      pending += text;
      if (pending.length < 65536 && bytes < source.size) continue;
      delimiter ??= detectDelimiter(pending.slice(0, 65536));
      options.onDelimiter?.(delimiter);
      parser = new CsvParser(delimiter, onRecord);
      parser.push(pending);
      pending = '';
    } else parser.push(text);
    options.onBytes?.(bytes);
    throwIfAborted(options.signal);
  }
  const tail = decode(undefined, false);
  if (!parser) {
    pending += tail;
    delimiter ??= detectDelimiter(pending.slice(0, 65536));
    options.onDelimiter?.(delimiter);
    parser = new CsvParser(delimiter, onRecord);
    parser.push(pending);
  } else if (tail) parser.push(tail);
  parser.end();
  return { delimiter: delimiter!, rows: parser.rowsSeen, looseQuoteRows: parser.looseQuoteRows };
}
