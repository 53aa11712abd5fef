/** A small argument parser: positional words, `--flag`, `--key value` and `--key=value`. */
export interface ParsedCli {
  positional: string[];
  flags: Map<string, string | true>;
}

export class CliError extends Error {}

export function parseCli(argv: string[], valueOptions: ReadonlySet<string>): ParsedCli {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags.set(key, a.slice(eq + 1));
      else if (valueOptions.has(key)) {
        const v = argv[++i];
        if (v === undefined) throw new CliError(`--${key} needs a value`);
        flags.set(key, v);
      } else flags.set(key, true);
    } else if (a === '-h') flags.set('help', true);
    else positional.push(a);
  }
  return { positional, flags };
}
