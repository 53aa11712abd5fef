/**
 * First-run LAP sets: the two official sets (West with the pioneer LAPs N4 and DSN4; North empty) and one custom
 * set. Runs once per database (meta 'laps_seeded'), so a user who deletes a preset does not get it back.
 */
import { NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { createSet, findSetByName, insertLap, isLapNameTaken, write } from './store.ts';

export const WEST_SET = 'West Northamptonshire LAPs';
export const NORTH_SET = 'North Northamptonshire LAPs';
export const CUSTOM_SET = 'My working groups';

/** The two pioneer LAPs (November 2022), the only ones with published ward lists. */
export const PIONEER_LAPS = [
  {
    name: 'N4',
    colour: '#1b9e77',
    wards: ['E05013247', 'E05013246', 'E05013239', 'E05013264'], // Dallington Spencer, Castle, Abington and Phippsville, St. George
    notes:
      'Pioneer LAP (November 2022), Northampton. Emerging themes: COPD (emergency admissions about double the national rate), ' +
      'crime, young people, unemployment; earlier priorities employment, education, child poverty.',
  },
  {
    name: 'DSN4',
    colour: '#d95f02',
    wards: ['E05013245', 'E05013268', 'E05013250', 'E05013255'], // Bugbrooke, Towcester and Roade, Deanshanger, Hackleton and Grange Park
    notes:
      'Pioneer LAP (November 2022), Daventry & South Northants. Themes: family hub in Towcester, distance and travel times to key ' +
      'services, Job Centre access, cross-border working.',
  },
] as const;

const SEEDED_KEY = 'laps_seeded';

/** Seeds the preset sets and LAPs once (one transaction). Returns true when it wrote anything. */
export function seedLaps(ctx: ServiceContext): boolean {
  const { db } = ctx;
  return write(db, () => {
    if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEEDED_KEY)) return false;
    const west = findSetByName(db, WEST_SET) ?? createSet(db, { name: WEST_SET, kind: 'official', councilCode: WEST_CODE });
    if (!findSetByName(db, NORTH_SET)) createSet(db, { name: NORTH_SET, kind: 'official', councilCode: NORTH_CODE });
    if (!findSetByName(db, CUSTOM_SET)) createSet(db, { name: CUSTOM_SET, kind: 'custom' });
    for (const lap of PIONEER_LAPS) {
      if (!isLapNameTaken(db, west.id, lap.name)) insertLap(db, { setId: west.id, name: lap.name, wards: lap.wards, colour: lap.colour, notes: lap.notes });
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, new Date().toISOString());
    return true;
  });
}
