/** Contract verbs for indicators, datasets and imports (issue: indicator store and importers). */
// Schemas use zod and the building blocks in ./common.ts.

export const dataSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataResults {}
