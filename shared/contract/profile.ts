/** Contract verbs for Local Area Profiles (issue: Local Area Profile). Types of the profile itself: shared/profile.ts. */
// Schemas use zod and the building blocks in ./common.ts.

export const profileSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProfileResults {}
