/**
 * CLI commands for GP practices (issue 15):
 *
 *   lap-insight practices [--json]                                    the 67 practices with PCN, ward and list size
 *   lap-insight practices NAME|AREACODE [--set SET] [--json]          an area's practices, PCNs and practice-based values
 *   lap-insight practices attach CODE --lap NAME [--set SET]          count a practice for a LAP
 *   lap-insight practices detach CODE --lap NAME [--set SET]          stop counting a practice located in a LAP's wards
 *   lap-insight practices import FILE                                  a Fingertips CSV download at GP practice level
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AreaPractices } from '../../shared/contract/practices.ts';
import { formatNumber } from '../../shared/format.ts';
import type { Backend } from '../backend.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, table, type Command, type Io } from './common.ts';
import { resolveProfileArea } from './commands-profile.ts';

const USAGE = 'practices [NAME|AREACODE [--set SET]] [--json] | practices attach|detach CODE --lap NAME [--set SET] | practices import FILE';

const num = (x: number | null) => formatNumber(x, 1);

export function areaPracticesText(a: AreaPractices): string {
  const lines: string[] = [a.description, ''];
  lines.push(
    table([
      ['Code', 'Practice', 'PCN', 'Ward', 'Registered', 'How'],
      ...a.practices.map((p) => [p.code, p.name, p.pcnName ?? '–', p.wardName ?? 'outside', p.listSize === null ? '–' : p.listSize.toLocaleString('en-GB'), p.how === 'location' ? 'in its wards' : 'attached']),
    ]),
  );
  if (a.detached.length) lines.push('', `Detached by hand: ${a.detached.map((p) => `${p.name} (${p.code})`).join(', ')}`);
  lines.push('', `Primary Care Networks: ${a.pcns.map((p) => `${p.name} (${p.practices})`).join(', ') || 'none'}`, '');
  lines.push(
    table([
      ['Indicator', 'Period', 'Value', '95% interval', 'West', 'North', 'England'],
      ...a.indicators.map((i) => [
        i.shortName,
        i.period ?? '–',
        num(i.value),
        i.ci95 ? `${num(i.ci95.lower)} to ${num(i.ci95.upper)}` : '–',
        ...i.benchmarks.map((b) => `${num(b.value)} ${b.comparison === 'not-compared' ? '' : `(${b.comparison})`}`.trim()),
      ]),
    ]),
  );
  lines.push('', `Values are for ${a.label}. ${a.attribution}`);
  return lines.join('\n');
}

async function lapId(backend: Backend, cli: ParsedCli): Promise<number> {
  const name = stringOption(cli, 'lap');
  if (!name) throw new CliError(`Say which LAP: ${USAGE}`);
  const area = await resolveProfileArea(backend, name, stringOption(cli, 'set'));
  if (area.kind !== 'lap') throw new CliError(`'${name}' is not a LAP.`);
  return area.id;
}

export const practiceCommands: Record<string, Command> = {
  practices: {
    usage: `${USAGE}\n                                GP practices, an area's practices and its practice-based indicators`,
    valueOptions: ['set', 'lap'],
    async run(backend: Backend, cli: ParsedCli, io: Io) {
      const [first, code] = cli.positional;
      const json = cli.flags.has('json');
      if (first === 'import') {
        if (!code) throw new CliError(`Give the Fingertips CSV file: ${USAGE}`);
        let content: Buffer;
        try {
          content = readFileSync(code);
        } catch {
          throw new CliError(`Cannot read ${code}.`);
        }
        const res = await call(backend, 'practices.import', { fileName: path.basename(code), contentBase64: content.toString('base64') });
        io.out(json ? JSON.stringify(res, null, 2) : res.message);
        return;
      }
      if (first === 'attach' || first === 'detach') {
        if (!code) throw new CliError(`Give the practice's ODS code: ${USAGE}`);
        const res = await call(backend, first === 'attach' ? 'practices.attach' : 'practices.detach', { lapId: await lapId(backend, cli), code: code.toUpperCase() });
        io.out(json ? JSON.stringify(res, null, 2) : `${first === 'attach' ? 'Attached' : 'Detached'} ${code.toUpperCase()}.\n${res.description}`);
        return;
      }
      if (!first) {
        const all = await call(backend, 'practices.list', {});
        io.out(
          json
            ? JSON.stringify(all, null, 2)
            : table([
                ['Code', 'Practice', 'PCN', 'Ward', 'Registered'],
                ...all.map((p) => [p.code, p.name, p.pcnName ?? '–', p.wardName ?? 'outside', p.listSize === null ? '–' : p.listSize.toLocaleString('en-GB')]),
              ]),
        );
        return;
      }
      const area = await resolveProfileArea(backend, cli.positional.join(' '), stringOption(cli, 'set'));
      const res = await call(backend, 'practices.forArea', { area });
      io.out(json ? JSON.stringify(res, null, 2) : areaPracticesText(res));
    },
  },
};
