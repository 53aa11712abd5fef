/** Backend handlers for the LAP verbs in shared/contract/laps.ts. */
import type { Handlers } from '../../shared/contract.ts';
import { AppError } from '../../shared/contract.ts';
import type { LapOutline, LapOutlineFeature, lapSchemas } from '../../shared/contract/laps.ts';
import { freeName } from '../../shared/laps.ts';
import type { ServiceContext } from '../context.ts';
import { exportLaps, importLaps } from './interchange.ts';
import { dissolveCached, toOutline } from './outline.ts';
import {
  coverage,
  defaultCustomSet,
  deleteLap,
  deleteSet,
  getLap,
  getLapRow,
  getSet,
  insertLap,
  isLapNameTaken,
  listLaps,
  listSets,
  loadWards,
  renameLap,
  setLapWards,
  updateLapField,
  wardCodesOf,
  write,
} from './store.ts';

export function createLapHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof lapSchemas> {
  const { db } = ctx;

  const nameOf = () => {
    const wards = loadWards(db);
    return (code: string) => wards.get(code)?.name ?? code;
  };

  const outlineOf = (lapId: number): LapOutline => {
    const row = getLapRow(db, lapId);
    const codes = wardCodesOf(db, lapId);
    return toOutline(dissolveCached(db, codes), codes, { lapId, name: row.name, colour: row.colour, setId: row.set_id }, nameOf());
  };

  return {
    'lapSets.list': async () => listSets(db),
    'lapSets.delete': async ({ id }) => deleteSet(db, id),
    'lapSets.coverage': async ({ id }) => coverage(db, id),

    'laps.list': async ({ setId }) => listLaps(ctx, setId),
    'laps.get': async ({ id }) => getLap(ctx, id),
    'laps.create': async (a) => getLap(ctx, insertLap(db, a)),
    'laps.rename': async ({ id, name }) => {
      renameLap(db, id, name);
      return getLap(ctx, id);
    },
    'laps.recolour': async ({ id, colour }) => {
      updateLapField(db, id, 'colour', colour);
      return getLap(ctx, id);
    },
    'laps.describe': async ({ id, notes }) => {
      updateLapField(db, id, 'notes', notes);
      return getLap(ctx, id);
    },
    'laps.setWards': async ({ id, wards }) => {
      setLapWards(db, id, wards);
      return getLap(ctx, id);
    },
    'laps.duplicate': async ({ id, name, setId }) => {
      const newId = write(db, () => {
        const source = getLap(ctx, id);
        const target = setId !== undefined ? getSet(db, setId) : source.set.kind === 'custom' ? getSet(db, source.set.id) : defaultCustomSet(db);
        const base = source.name.replace(/ \(copy(?: \d+)?\)$/, '');
        const newName = name ?? freeName(base, (n) => isLapNameTaken(db, target.id, n), 'copy');
        return insertLap(db, { setId: target.id, name: newName, wards: source.wards.map((w) => w.code), colour: source.colour, notes: source.notes });
      });
      return getLap(ctx, newId);
    },
    'laps.delete': async ({ id }) => deleteLap(db, id),

    'laps.outline': async ({ id }) => outlineOf(id),
    'laps.outlines': async ({ setId }) => {
      getSet(db, setId);
      const names = nameOf();
      const features: LapOutlineFeature[] = [];
      for (const lap of listLaps(ctx, setId)) {
        const codes = lap.wards.map((w) => w.code);
        const o = toOutline(dissolveCached(db, codes), codes, { lapId: lap.id, name: lap.name, colour: lap.colour, setId }, names);
        if (o.feature) features.push(o.feature);
      }
      return { setId, type: 'FeatureCollection', features };
    },

    'laps.export': async (a) => exportLaps(ctx, a),
    'laps.import': async (a) => {
      if (a.content.trim() === '') throw new AppError('invalid-input', `${a.fileName ?? 'The file'} is empty.`);
      return importLaps(ctx, a);
    },
  };
}
