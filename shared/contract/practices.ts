/**
 * Contract verbs for GP practices and practice-based indicators (issue 15).
 *
 *   practices.list       {}                    -> PracticeSummary[]  (the 67 GP practices with PCN, ward and list size)
 *   practices.forArea    {area}                -> AreaPractices      (the area's practices, its PCNs, and every
 *                                                                     practice-based indicator summed over them,
 *                                                                     with a practice breakdown)
 *   practices.attach     {lapId, code}         -> AreaPractices      ("this practice serves N4")
 *   practices.detach     {lapId, code}         -> AreaPractices      ("this practice, though in N4's wards, does not")
 *   practices.import     {fileName, contentBase64} -> PracticeImportResult (a Fingertips download at GP practice level:
 *                                                                     its values attach to practices, not wards)
 *
 * A LAP's practices = practices located in its wards + practices attached by hand - practices detached by hand.
 * Values are for patients registered at those practices, not residents.
 */
import { z } from 'zod';
import type { Interval } from '../stats/index.ts';
import type { Comparison } from '../stats/index.ts';
import { id } from './common.ts';
import { base64File, fileName } from './data.ts';
import { profileAreaSchema } from './profile.ts';

const practiceCode = z.string().trim().regex(/^[A-Z0-9]{3,12}$/, 'a practice code is an ODS code such as K83002');

export const practicesSchemas = {
  'practices.list': z.object({}).strict(),
  'practices.forArea': z.object({ area: profileAreaSchema }).strict(),
  'practices.attach': z.object({ lapId: id, code: practiceCode }).strict(),
  'practices.detach': z.object({ lapId: id, code: practiceCode }).strict(),
  /** A Fingertips CSV download at GP practice level: values attach to practices (all or nothing). */
  'practices.import': z.object({ fileName, contentBase64: base64File('lap-insight practices import FILE') }).strict(),
} as const;

export interface PracticeImportResult {
  status: 'imported';
  message: string;
  indicators: string[];
  practiceValues: number;
  rowsWritten: number;
}

export interface PracticeSummary {
  code: string;
  name: string;
  pcnCode: string | null;
  pcnName: string | null;
  postcode: string;
  wardCode: string | null;
  wardName: string | null;
  councilCode: string;
  /** Registered patients, all ages, in the latest QOF edition (null: not in QOF). */
  listSize: number | null;
  listSizePeriod: string | null;
}

export interface AreaPractice extends PracticeSummary {
  /** How it belongs to the area: located in its wards, attached by hand. */
  how: 'location' | 'attached';
}

export interface PracticeBreakdownRow {
  code: string;
  name: string;
  value: number | null;
  ci95: Interval | null;
  numerator: number | null;
  denominator: number | null;
  listSize: number | null;
}

export interface PracticeIndicatorValue {
  id: string;
  name: string;
  shortName: string;
  unit: string;
  period: string | null;
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  numerator: number | null;
  denominator: number | null;
  /** Practices with a value, of the area's practices. */
  practicesWithValue: number;
  benchmarks: { code: string; name: string; value: number | null; comparison: Comparison; note: string }[];
  /** Every period, oldest first, each summed over the same practices. */
  trend: { period: string; value: number | null; ci95: Interval | null }[];
  breakdown: PracticeBreakdownRow[];
}

export interface AreaPractices {
  /** "patients registered at N4's 9 GP practices". */
  label: string;
  /** Plain English: which practices make up the registered population, and how they were chosen. */
  description: string;
  practices: AreaPractice[];
  /** Practices in the area's wards detached by hand. */
  detached: PracticeSummary[];
  pcns: { code: string | null; name: string; practices: number }[];
  /** Sum of the practices' list sizes (latest QOF edition). */
  registeredPatients: number | null;
  indicators: PracticeIndicatorValue[];
  attribution: string;
}

export interface PracticesResults {
  'practices.list': PracticeSummary[];
  'practices.forArea': AreaPractices;
  'practices.attach': AreaPractices;
  'practices.detach': AreaPractices;
  'practices.import': PracticeImportResult;
}
