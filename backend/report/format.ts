/** The report's formatting is shared with the screen: see shared/format.ts. */
export * from '../../shared/format.ts';
