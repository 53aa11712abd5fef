/**
 * Contract verbs for places (issue: Assets and access). Types: shared/places.ts.
 *
 *   places.import        {fileName, contentBase64, name?, check?, onDuplicate?} -> PlaceImportResult
 *                        A CSV (name, category, longitude/latitude or easting/northing, optional address, postcode,
 *                        ref) or a GeoJSON of points. All or nothing: any error and nothing is stored; the report names
 *                        the file, row and column of every problem. check: true validates only.
 *                        An NHS ODS extract (epraccur, edispensary; no header row) is recognised: Organisation Code, Name,
 *                        Postcode; category from the code (GP practice or pharmacy) or `category`; coordinates from the
 *                        file or from `postcodes` (an ONS Postcode Directory extract: pcds/pcd, lat, long). A postcode not
 *                        found is an error naming the file, row and column. replaceBuiltin: the new list takes the place
 *                        of the built-in one (which is hidden), keeping hand attachments of the same ref and category.
 *   places.restoreBuiltin {}                                -> {list, message}  (brings the hidden built-in list back)
 *   places.lists         {}                                  -> PlaceList[]
 *   places.deleteList    {id}                                -> {id, places}   (the list and its places, one transaction)
 *   places.list          {lapId?, wardCode?, categories?, query?} -> Place[]
 *   places.map           {}                                  -> PlaceFeatureCollection (every place, for the map)
 *   places.attach        {placeId, lapId}                    -> Place  ("this practice serves N4")
 *   places.detach        {placeId, lapId}                    -> Place
 *   places.forArea       {area}                              -> AreaPlaces (counts, list, distances, council averages)
 *   places.centres       {}                                  -> CentresInfo (where distances are measured from)
 *   places.importCentres {fileName, contentBase64}           -> CentresImportResult (ONS LSOA 2021 population-weighted
 *                                                               centroids; all or nothing, like places.import)
 *   places.clearCentres  {}                                  -> CentresInfo (back to geometric ward centres)
 */
import { z } from 'zod';
import { PLACE_CATEGORY_IDS, type CentresInfo, type Place, type PlaceCategoryId, type PlaceFeatureCollection, type PlaceList, type AreaPlaces } from '../places.ts';
import { id, wardCode } from './common.ts';
import { base64File, fileName, type ImportReport } from './data.ts';
import { profileAreaSchema } from './profile.ts';

export const placeCategorySchema = z.enum(PLACE_CATEGORY_IDS, {
  error: 'a category is one of gp, pharmacy, family-hub, food-bank, warm-space, youth-club, job-centre, community-venue',
});

export const placesSchemas = {
  'places.import': z
    .object({
      fileName,
      contentBase64: base64File('lap-insight places import FILE'),
      /** The list's name; defaults to the file name without its extension. */
      name: z.string().trim().min(1).max(200).optional(),
      /** Validate and report only; store nothing. */
      check: z.boolean().default(false),
      /** The same file (SHA-256) imported before: refuse (default) or replace the earlier list. */
      onDuplicate: z.enum(['refuse', 'replace']).default('refuse'),
      /** The category of every row the file gives none (an NHS ODS extract has no category column). */
      category: placeCategorySchema.optional(),
      /** A postcode lookup file (ONS Postcode Directory extract: pcds or pcd, lat, long) for rows without coordinates. */
      postcodes: z.object({ fileName, contentBase64: base64File('lap-insight places import FILE --postcodes FILE') }).strict().optional(),
      /** The new list replaces the built-in GP practices and pharmacies (hidden; bring it back with places.restoreBuiltin). */
      replaceBuiltin: z.boolean().optional(),
    })
    .strict(),
  'places.restoreBuiltin': z.object({}).strict(),
  'places.lists': z.object({}).strict(),
  'places.deleteList': z.object({ id }).strict(),
  'places.list': z
    .object({
      /** Places inside the LAP's wards or attached to it. */
      lapId: id.optional(),
      wardCode: wardCode.optional(),
      categories: z.array(placeCategorySchema).max(PLACE_CATEGORY_IDS.length).optional(),
      /** Words to find in the name, address, postcode or ref. */
      query: z.string().max(200).optional(),
    })
    .strict(),
  'places.map': z.object({}).strict(),
  'places.attach': z.object({ placeId: id, lapId: id }).strict(),
  'places.detach': z.object({ placeId: id, lapId: id }).strict(),
  'places.forArea': z.object({ area: profileAreaSchema }).strict(),
  'places.centres': z.object({}).strict(),
  'places.importCentres': z.object({ fileName, contentBase64: base64File('lap-insight places centres import FILE') }).strict(),
  'places.clearCentres': z.object({}).strict(),
} as const;

export interface PlaceImportResult {
  status: 'imported' | 'checked' | 'failed';
  /** Plain English: what happened, or why nothing was stored. */
  message: string;
  list: PlaceList | null;
  /** Every problem with file, row (header = 1) and column. Errors block the import; warnings do not. */
  report: ImportReport;
  counts: {
    rows: number;
    /** Places stored (or that would be, when checking). */
    places: number;
    /** Of those, lying outside the two councils but inside the bounding area. */
    outside: number;
    byCategory: Partial<Record<PlaceCategoryId, number>>;
  };
  /** Which coordinates the file used. */
  coordinates: 'lon-lat' | 'easting-northing' | 'geojson' | null;
  /** Lists removed because the same file was imported again with onDuplicate 'replace', or the built-in list replaced. */
  replacedListIds: number[];
}

export interface RestoreBuiltinResult {
  /** The built-in list, now shown; null when this copy of the app has none. */
  list: PlaceList | null;
  message: string;
}

export interface CentresImportResult {
  status: 'imported' | 'failed';
  message: string;
  report: ImportReport;
  centres: CentresInfo;
}

export interface PlacesResults {
  'places.import': PlaceImportResult;
  'places.restoreBuiltin': RestoreBuiltinResult;
  'places.lists': PlaceList[];
  'places.deleteList': { id: number; places: number };
  'places.list': Place[];
  'places.map': PlaceFeatureCollection;
  'places.attach': Place;
  'places.detach': Place;
  'places.forArea': AreaPlaces;
  'places.centres': CentresInfo;
  'places.importCentres': CentresImportResult;
  'places.clearCentres': CentresInfo;
}
