/** Types for scripts/cli-bundle.mjs (the CLI bundle, rebuilt when a source changes). */
export declare const DEFAULT_OUTDIR: string;
export declare function cliBundleFresh(outdir?: string): boolean;
export declare function buildCliBundle(outdir?: string): Promise<string>;
export declare function ensureCliBundle(outdir?: string): Promise<string | null>;
