/** Migrations for indicators, datasets and values: versions 2-19. */
import type { Migration } from '../migration-type.ts';

export const DATA_MIGRATIONS: Migration[] = [];
