/**
 * British National Grid (EPSG:27700, OSGB36 Transverse Mercator, metres) <-> WGS84 longitude/latitude, with proj4.
 *
 * The datum shift is the standard 7-parameter Helmert transformation (towgs84 below), which Ordnance Survey
 * describes as good to a few metres across Great Britain: plenty for placing a GP surgery in a ward and for
 * straight-line distances given to 10 metres. (The exact OS transformation, OSTN15, needs a 15 MB grid file.)
 */
import proj4 from 'proj4';

export const BNG_PROJ4 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

// Made on first use: building it costs about 20 ms, which every CLI start would otherwise pay.
let converter: proj4.Converter | undefined;
const bng = (): proj4.Converter => (converter ??= proj4('EPSG:4326', BNG_PROJ4));

/** Easting and northing (metres) to [longitude, latitude] (degrees, WGS84). */
export function bngToWgs84(easting: number, northing: number): [number, number] {
  const [lon, lat] = bng().inverse<[number, number]>([easting, northing]);
  return [lon, lat];
}

/** [longitude, latitude] (degrees, WGS84) to [easting, northing] (metres). */
export function wgs84ToBng(lon: number, lat: number): [number, number] {
  const [e, n] = bng().forward<[number, number]>([lon, lat]);
  return [e, n];
}

/** Straight-line (Euclidean) distance between two grid points, in metres. */
export function gridDistance(e1: number, n1: number, e2: number, n2: number): number {
  return Math.hypot(e2 - e1, n2 - n1);
}
