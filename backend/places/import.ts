/**
 * places.import: all or nothing.
 *
 *   1. decode the base64 content and hash it (SHA-256, to recognise a file imported before);
 *   2. read and check every row (parse.ts) against Northamptonshire's bounding area, and find each place's ward
 *      (point in polygon, with a bounding-box test first; a place in no ward keeps ward_code NULL: "outside the
 *      two councils");
 *   3. any error: store nothing, status 'failed', with the report. check: true stores nothing, status 'checked';
 *   4. otherwise one IMMEDIATE transaction: the list, then every place through one prepared statement (and, with
 *      onDuplicate 'replace', the earlier lists of the same file deleted first, in the same transaction; with
 *      replaceBuiltin, the built-in list deleted and hidden, its hand attachments carried over by ref and category).
 *
 * An NHS ODS extract needs no category column and may take its coordinates from a postcode lookup file (issue 15).
 */
import { createHash } from 'node:crypto';
import type { PlaceImportResult } from '../../shared/contract/places.ts';
import { MAX_IMPORT_BYTES } from '../../shared/contract/data.ts';
import type { PlaceCategoryId, PlaceList } from '../../shared/places.ts';
import { Issues } from '../io/issues.ts';
import { META_BUILTIN_HIDDEN } from '../practices/seed.ts';
import { parsePostcodeLookup } from './postcodes.ts';
import { PLACE_CATEGORY_IDS } from '../../shared/places.ts';
import type { ServiceContext } from '../context.ts';
import { yieldToEventLoop } from '../io/csv.ts';
import { plural } from '../io/numbers.ts';
import { parsePlaces, type ParsedPlace } from './parse.ts';
import { findListsBySha, getPlaceList, write } from './store.ts';
import { placeGeography, wardAt } from './wards.ts';
import { backupNow } from '../safety/index.ts';

export interface PlaceImportArgs {
  fileName: string;
  contentBase64: string;
  name?: string | undefined;
  check?: boolean | undefined;
  onDuplicate?: 'refuse' | 'replace' | undefined;
  category?: PlaceCategoryId | undefined;
  postcodes?: { fileName: string; contentBase64: string } | undefined;
  replaceBuiltin?: boolean | undefined;
}

/** The list's default name: the file name without its extension. */
export function defaultListName(fileName: string): string {
  const base = fileName.replace(/\.(csv|tsv|txt|geojson|json)$/i, '').trim();
  return (base || fileName).slice(0, 200);
}

function firstErrors(report: PlaceImportResult['report'], n = 3): string {
  const list = report.issues.filter((i) => i.severity === 'error');
  const shown = list.slice(0, n).map((i) => i.message);
  const more = report.errors - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${plural(more, 'more problem')})` : ''}`;
}

export async function importPlaces(ctx: ServiceContext, args: PlaceImportArgs): Promise<PlaceImportResult> {
  const { db } = ctx;
  const fileName = args.fileName;
  const bytes = Buffer.from(args.contentBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const geo = placeGeography(db);
  // The postcode lookup file's own problems are reported with its name; any error there stops the import.
  const lookupIssues = args.postcodes ? new Issues(args.postcodes.fileName) : null;
  const lookupBytes = args.postcodes ? Buffer.from(args.postcodes.contentBase64, 'base64') : null;
  const lookup =
    args.postcodes && lookupIssues && lookupBytes && lookupBytes.length <= MAX_IMPORT_BYTES
      ? parsePostcodeLookup(args.postcodes.fileName, lookupBytes, lookupIssues)
      : null;
  if (args.postcodes && lookupBytes && lookupBytes.length > MAX_IMPORT_BYTES) {
    lookupIssues!.error(null, null, `the postcode lookup file ${args.postcodes.fileName} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: use an extract for the postcodes you need`);
  }
  const parsed =
    bytes.length > MAX_IMPORT_BYTES
      ? null
      : await parsePlaces(fileName, bytes, geo.bounds, { category: args.category, postcodes: lookup });
  if (args.postcodes && lookupIssues && lookupIssues.errorCount > 0) {
    const report = lookupIssues.report();
    return {
      status: 'failed',
      message: `Nothing was imported from ${fileName}: the postcode lookup file ${args.postcodes.fileName} cannot be used. ${firstErrors(report)}`,
      list: null,
      report,
      counts: { rows: 0, places: 0, outside: 0, byCategory: {} },
      coordinates: null,
      replacedListIds: [],
    };
  }
  // Warnings about the lookup file (rows without coordinates) are listed with the import's own report.
  const withLookup = (r: PlaceImportResult['report']): PlaceImportResult['report'] => {
    if (!lookupIssues || lookupIssues.warningCount === 0) return r;
    const l = lookupIssues.report();
    return { issues: [...r.issues, ...l.issues], errors: r.errors + l.errors, warnings: r.warnings + l.warnings, omitted: r.omitted + l.omitted };
  };
  const base = (status: PlaceImportResult['status'], message: string): PlaceImportResult => ({
    status,
    message,
    list: null,
    report: parsed ? withLookup(parsed.issues.report()) : { issues: [], errors: 1, warnings: 0, omitted: 0 },
    counts: { rows: parsed?.rows ?? 0, places: 0, outside: 0, byCategory: {} },
    coordinates: parsed?.coordinates ?? null,
    replacedListIds: [],
  });
  if (!parsed) return base('failed', `Nothing was imported from ${fileName}: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);

  // Which ward each place lies in (only worth doing when the file has no errors).
  const wards: (string | null)[] = [];
  const byCategory: Partial<Record<PlaceCategoryId, number>> = {};
  let outside = 0;
  if (parsed.issues.errorCount === 0) {
    await yieldToEventLoop();
    for (const p of parsed.places) {
      const w = wardAt(geo, p.lon, p.lat);
      wards.push(w?.code ?? null);
      if (!w) outside++;
      byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
    }
  }
  const ordered: Partial<Record<PlaceCategoryId, number>> = {};
  for (const id of PLACE_CATEGORY_IDS) if (byCategory[id]) ordered[id] = byCategory[id];
  const result = (status: PlaceImportResult['status'], message: string, extra: Partial<PlaceImportResult> = {}): PlaceImportResult => ({
    ...base(status, message),
    counts: { rows: parsed.rows, places: parsed.places.length, outside, byCategory: ordered },
    ...extra,
  });

  const report = parsed.issues.report();
  if (report.errors > 0) {
    return {
      ...base('failed', `Nothing was imported from ${fileName}: ${plural(report.errors, 'problem')} must be fixed first. ${firstErrors(report)}`),
      counts: { rows: parsed.rows, places: 0, outside: 0, byCategory: {} },
    };
  }
  if (parsed.places.length === 0) return result('failed', `Nothing was imported from ${fileName}: it has no places.`);

  const earlier = findListsBySha(db, sha256);
  const dupText = earlier.length
    ? `${fileName} was imported before, on ${earlier[0]!.imported_at.slice(0, 10)}, as the list '${earlier[0]!.name}'`
    : '';
  const outsideText = outside ? ` ${plural(outside, 'place')} ${outside === 1 ? 'lies' : 'lie'} outside the two councils (still counted for distances).` : '';
  const repeatedText = parsed.repeated ? ` ${plural(parsed.repeated, 'repeated row')} left out.` : '';

  if (args.check) {
    const again = earlier.length ? ` ${dupText}; importing it again replaces that list.` : '';
    return result('checked', `${fileName} was checked and can be imported: ${plural(parsed.places.length, 'place')} (nothing was stored).${outsideText}${repeatedText}${again}`);
  }
  const replace = args.onDuplicate === 'replace';
  if (earlier.length && !replace) {
    return result('failed', `${dupText}. Nothing was changed. To import it again, replace the earlier list (in the app: Replace; command line: --replace).`);
  }

  const listName = (args.name ?? defaultListName(fileName)).trim() || defaultListName(fileName);
  const now = new Date().toISOString();
  const replaced = replace ? earlier.map((l) => l.id) : [];
  const builtinIds = args.replaceBuiltin ? (db.prepare(`SELECT id FROM place_list WHERE builtin = 1`).all() as { id: number }[]).map((r) => r.id) : [];
  // Replacing deletes a list: a restorable copy first (skipped when nothing changed since the last one).
  if (replaced.length || builtinIds.length) backupNow(ctx, 'import');
  let listId: number;
  let lostAttachments = 0;
  try {
    listId = write(db, () => {
      // Hand attachments ("serves N4") of the places being replaced are carried over to the same places in the new
      // list (same name, category, ref and grid position), so replacing a list never silently loses them.
      const keep = replaced.length
        ? (db
            .prepare(
              `SELECT pl.lap_id, pl.attached_at, p.name, p.category, p.ref, p.easting, p.northing
               FROM place_lap pl JOIN place p ON p.id = pl.place_id
               WHERE p.list_id IN (SELECT value FROM json_each(?))`,
            )
            .all(JSON.stringify(replaced)) as { lap_id: number; attached_at: string; name: string; category: string; ref: string; easting: number; northing: number }[])
        : [];
      // The built-in list being replaced: its attachments follow the same ODS code and category (a newer extract
      // moves practices, renames them, and adds and closes some, so the position and name are not compared).
      const keepBuiltin = builtinIds.length
        ? (db
            .prepare(
              `SELECT pl.lap_id, pl.attached_at, p.ref, p.category FROM place_lap pl JOIN place p ON p.id = pl.place_id
               WHERE p.list_id IN (SELECT value FROM json_each(?)) AND p.ref <> ''`,
            )
            .all(JSON.stringify(builtinIds)) as { lap_id: number; attached_at: string; ref: string; category: string }[])
        : [];
      const del = db.prepare(`DELETE FROM place_list WHERE id = ?`);
      for (const id of replaced) del.run(id);
      for (const id of builtinIds) del.run(id);
      if (args.replaceBuiltin) {
        db.prepare(`INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(META_BUILTIN_HIDDEN);
      }
      const info = db
        .prepare(`INSERT INTO place_list (name, file_name, sha256, imported_at, coordinates) VALUES (?, ?, ?, ?, ?)`)
        .run(listName, fileName, sha256, now, parsed.coordinates ?? 'lon-lat');
      const id = Number(info.lastInsertRowid);
      const insert = db.prepare(
        `INSERT INTO place (list_id, source_row, name, category, lon, lat, easting, northing, address, postcode, ref, ward_code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const newIds = new Map<string, number>();
      const byRef = new Map<string, number>();
      parsed.places.forEach((p: ParsedPlace, i) => {
        const row = insert.run(id, p.row, p.name, p.category, p.lon, p.lat, p.easting, p.northing, p.address, p.postcode, p.ref, wards[i] ?? null);
        newIds.set(placeKey(p), Number(row.lastInsertRowid));
        if (p.ref !== '') byRef.set(`${p.category}|${p.ref.toUpperCase()}`, Number(row.lastInsertRowid));
      });
      const attach = db.prepare(`INSERT OR IGNORE INTO place_lap (place_id, lap_id, attached_at) VALUES (?, ?, ?)`);
      for (const k of keep) {
        const placeId = newIds.get(placeKey(k));
        if (placeId !== undefined) attach.run(placeId, k.lap_id, k.attached_at);
      }
      for (const k of keepBuiltin) {
        const placeId = byRef.get(`${k.category}|${k.ref.toUpperCase()}`);
        if (placeId !== undefined) attach.run(placeId, k.lap_id, k.attached_at);
        else lostAttachments++;
      }
      return id;
    });
  } catch (err) {
    return result('failed', `Nothing was imported from ${fileName}: the database refused the places (${(err as Error).message}).`);
  }
  const list: PlaceList = getPlaceList(db, listId);
  const replacedNames = earlier.filter((l) => replaced.includes(l.id)).map((l) => `'${l.name}'`);
  const replacedText =
    (replaced.length ? ` It replaces the earlier import of the same file (${replacedNames.join(', ')}); places attached to LAPs stay attached.` : '') +
    (builtinIds.length
      ? ` It replaces the built-in GP practices and pharmacies (bring them back at any time from the Places tab, or with lap-insight places restore-builtin); practices attached to LAPs by hand stay attached where the new list has the same ODS code${
          lostAttachments ? ` (${plural(lostAttachments, 'attachment')} could not be kept: the new list does not have that code)` : ''
        }.`
      : '');
  return result(
    'imported',
    `Imported ${plural(parsed.places.length, 'place')} from ${fileName} as the list '${listName}'.${outsideText}${repeatedText}${replacedText}`,
    { list, replacedListIds: [...replaced, ...builtinIds] },
  );
}


/** Identifies the same place in a re-imported file: name, category, ref and grid position (to the metre). */
function placeKey(p: { name: string; category: string; ref: string; easting: number; northing: number }): string {
  return JSON.stringify([p.name, p.category, p.ref, Math.round(p.easting), Math.round(p.northing)]);
}
