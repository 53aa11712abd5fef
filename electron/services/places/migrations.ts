/** Migrations for places (issue: Assets and access): versions 40-49. */
import type { Migration } from '../migration-type.ts';

export const PLACE_MIGRATIONS: Migration[] = [];
