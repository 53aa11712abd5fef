/** Contract verbs for LAP sets and LAPs (issue: LAP builder). */
// Schemas use zod and the building blocks in ./common.ts.

export const lapSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LapResults {}
