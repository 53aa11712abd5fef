/**
 * British National Grid <-> WGS84 (backend/places/projection.ts) against Ordnance Survey's published
 * reference points.
 *
 * Source: Ordnance Survey, OSTN15/OSGM15 developer pack, test files "OSTN15_OSGM15_TestInput_ETRStoOSGB.txt" and
 * "OSTN15_OSGM15_TestOutput_ETRStoOSGB.txt" (2016): the 40 test points TP01-TP40 with their ETRS89 latitude and
 * longitude and the OSGB36 National Grid easting and northing that OS's definitive transformation (OSTN15) gives.
 * Contains OS data © Crown copyright and database right 2016. The values below were copied from those files as
 * reproduced in several independent public implementations' test suites (e.g. Toby Thurston's "osgb" package,
 * test/test_all_points.py), which agree digit for digit.
 *
 * Why a tolerance of 5 m: the app uses proj4 with the 7-parameter Helmert datum shift (towgs84), which Ordnance
 * Survey describes as good to a few metres across Great Britain, not OSTN15 (that needs a 15 MB grid). ETRS89 and
 * WGS84 also differ by well under a metre. A bug (a wrong ellipsoid, datum or false origin) moves points by
 * tens to hundreds of metres, so 5 m still catches it; around Northamptonshire the error is under 3 m.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bngToWgs84, gridDistance, wgs84ToBng } from '../../backend/places/projection.ts';

/** [id, ETRS89 latitude, ETRS89 longitude, OSGB36 easting, OSGB36 northing, place] */
const OS_POINTS: [string, number, number, number, number, string][] = [
  ['TP01', 49.9222639373, -6.29977752014, 91492.146, 11318.804, "St Mary's, Scilly"],
  ['TP02', 49.9600613782, -5.20304609998, 170370.718, 11572.405, 'Lizard Point Lighthouse'],
  ['TP03', 50.4388582561, -4.10864563561, 250359.811, 62016.569, 'Plymouth'],
  ['TP04', 50.57563665, -1.2978227724, 449816.371, 75335.861, "St Catherine's Point Lighthouse"],
  ['TP05', 50.9312793791, -1.450514337, 438710.92, 114792.25, 'Former OSHQ'],
  ['TP06', 51.4007822014, -3.5512834924, 292184.87, 168003.465, 'Nash Point Lighthouse'],
  ['TP07', 51.3744702555, 1.44454730409, 639821.835, 169565.858, 'North Foreland Lighthouse'],
  ['TP08', 51.4275474302, -2.54407618349, 362269.991, 169978.69, 'Brislington'],
  ['TP09', 51.4893656495, -0.1199255718, 530624.974, 178388.464, 'Lambeth'],
  ['TP10', 51.858908964, -4.3085247696, 241124.584, 220332.641, 'Carmarthen'],
  ['TP11', 51.8943663735, 0.89724327012, 599445.59, 225722.826, 'Colchester'],
  ['TP12', 52.2552938163, -2.15458614387, 389544.19, 261912.153, 'Droitwich'],
  ['TP13', 52.2516095123, -0.9124895697, 474335.969, 262047.755, 'Northampton'],
  ['TP14', 52.7513668717, 0.40153547065, 562180.547, 319784.995, "King's Lynn"],
  ['TP15', 52.9621910941, -1.19747655922, 454002.834, 340834.943, 'Nottingham'],
  ['TP16', 53.3448028019, -2.6404932081, 357455.843, 383290.436, 'STFC, Daresbury'],
  ['TP17', 53.4162851604, -4.28918069756, 247958.971, 393492.909, 'Point Lynas Lighthouse, Anglesey'],
  ['TP18', 53.4163092542, -4.28917792869, 247959.241, 393495.583, 'Point Lynas Lighthouse, Anglesey'],
  ['TP19', 53.7791102576, -3.04045490691, 331534.564, 431920.794, 'Blackpool Airport'],
  ['TP20', 53.8002151963, -1.66379168242, 422242.186, 433818.701, 'Pudsey'],
  ['TP21', 54.0866631808, -4.63452168212, 227778.33, 468847.388, 'Isle of Man airport'],
  ['TP22', 54.1168514429, -0.07773133187, 525745.67, 470703.214, 'Flamborough Head'],
  ['TP23', 54.3291954101, -4.38849118133, 244780.636, 495254.887, 'Ramsey, Isle of Man'],
  ['TP24', 54.8954234042, -2.93827741149, 339921.145, 556034.761, 'Carlisle'],
  ['TP25', 54.9791227366, -1.61657685184, 424639.355, 565012.703, 'Newcastle University'],
  ['TP26', 55.8539995295, -4.29649016251, 256340.925, 664697.269, 'Glasgow'],
  ['TP27', 55.9247826551, -3.29479219337, 319188.434, 670947.534, 'Sighthill, Edinburgh'],
  ['TP28', 57.0060669605, -5.8283669185, 167634.202, 797067.144, 'Mallaig Lifeboat Station'],
  ['TP29', 57.1390251896, -2.04856030746, 397160.491, 805349.736, 'Girdle Ness Lighthouse'],
  ['TP30', 57.4862500072, -4.21926398555, 267056.768, 846176.972, 'Inverness'],
  ['TP31', 57.8135183841, -8.57854456076, 9587.909, 899448.996, 'Hirta, St Kilda'],
  ['TP32', 58.2126224718, -7.59255560556, 71713.132, 938516.404, 'at sea, 7km S of Flannan'],
  ['TP33', 58.515603613, -6.26091455533, 151968.652, 966483.78, 'Butt of Lewis lighthouse'],
  ['TP34', 58.5812046128, -3.72631022121, 299721.891, 967202.992, 'Dounreay Airfield'],
  ['TP35', 59.0374387119, -3.21454001115, 330398.323, 1017347.016, 'Orkney Mainland'],
  ['TP36', 59.0933503532, -4.41757674598, 261596.778, 1025447.602, 'at sea, 1km NW of Sule Skerry'],
  ['TP37', 59.096716174, -5.82799339844, 180862.461, 1029604.114, 'at sea, 3km south of Rona'],
  ['TP38', 59.5347079449, -1.62516966058, 421300.525, 1072147.239, 'Fair Isle'],
  ['TP39', 59.8540991389, -1.27486910356, 440725.073, 1107878.448, 'Sumburgh Head'],
  ['TP40', 60.1330809166, -2.07382822798, 395999.668, 1138728.951, 'Foula'],
];

const TOLERANCE_M = 5;
/** Points near Northamptonshire (Northampton itself, Droitwich, Nottingham, King's Lynn, Lambeth, Colchester). */
const NEAR = new Set(['TP09', 'TP11', 'TP12', 'TP13', 'TP14', 'TP15']);

/** Metres between two WGS84 points a few metres apart (local flat-earth approximation, ample at this scale). */
function metresApart(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = (Math.PI / 180) * 6_371_000;
  return Math.hypot((lon2 - lon1) * k * Math.cos((lat1 * Math.PI) / 180), (lat2 - lat1) * k);
}

describe('projection: Ordnance Survey OSTN15 test points TP01-TP40', () => {
  it.each(OS_POINTS)('%s (%s): latitude/longitude -> easting/northing within 5 m', (id, lat, lon, e, n) => {
    const [E, N] = wgs84ToBng(lon, lat);
    const off = gridDistance(E, N, e, n);
    expect(off, `${id} is ${off.toFixed(2)} m from the OS value`).toBeLessThan(NEAR.has(id) ? 3 : TOLERANCE_M);
  });

  it.each(OS_POINTS)('%s: easting/northing -> latitude/longitude within 5 m', (id, lat, lon, e, n) => {
    const [LON, LAT] = bngToWgs84(e, n);
    const off = metresApart(lon, lat, LON, LAT);
    expect(off, `${id} is ${off.toFixed(2)} m from the OS value`).toBeLessThan(NEAR.has(id) ? 3 : TOLERANCE_M);
  });

  it('a wrong false origin or datum would fail: Northampton (TP13) is not within 5 m of a point 100 m away', () => {
    const [, lat, lon, e, n] = OS_POINTS.find((p) => p[0] === 'TP13')!;
    const [E, N] = wgs84ToBng(lon, lat);
    expect(gridDistance(E, N, e + 100, n)).toBeGreaterThan(TOLERANCE_M);
  });
});

describe('projection: round trip', () => {
  it('easting/northing -> latitude/longitude -> easting/northing returns within 1 cm (anywhere around Northamptonshire)', () => {
    fc.assert(
      fc.property(fc.double({ min: 400_000, max: 560_000, noNaN: true }), fc.double({ min: 200_000, max: 330_000, noNaN: true }), (e, n) => {
        const [lon, lat] = bngToWgs84(e, n);
        const [e2, n2] = wgs84ToBng(lon, lat);
        return gridDistance(e, n, e2, n2) < 0.01;
      }),
      { numRuns: 500 },
    );
  });

  it('latitude/longitude -> easting/northing -> latitude/longitude returns within 1 cm', () => {
    fc.assert(
      fc.property(fc.double({ min: -1.6, max: -0.2, noNaN: true }), fc.double({ min: 51.8, max: 52.8, noNaN: true }), (lon, lat) => {
        const [e, n] = wgs84ToBng(lon, lat);
        const [lon2, lat2] = bngToWgs84(e, n);
        return metresApart(lon, lat, lon2, lat2) < 0.01;
      }),
      { numRuns: 500 },
    );
  });
});
