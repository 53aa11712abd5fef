/** Migrations for LAP sets and LAPs: versions 20-39. */
import type { Migration } from '../migration-type.ts';

export const LAP_MIGRATIONS: Migration[] = [];
