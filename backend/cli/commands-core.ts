import { call, table, type Command } from './common.ts';

export const coreCommands: Record<string, Command> = {
  wards: {
    usage: 'wards [--json]                List the 57 wards (code, name, council code and name)',
    async run(backend, cli, io) {
      const wards = await call(backend, 'wards.list', {});
      const sorted = [...wards].sort((a, b) => a.code.localeCompare(b.code));
      if (cli.flags.has('json')) {
        io.out(JSON.stringify(sorted.map((w) => ({ code: w.code, name: w.name, authorityCode: w.authorityCode, authorityName: w.authorityName })), null, 2));
        return;
      }
      io.out(table([['CODE', 'NAME', 'COUNCIL CODE', 'COUNCIL'], ...sorted.map((w) => [w.code, w.name, w.authorityCode, w.authorityName])]));
    },
  },
  info: {
    usage: 'info [--json]                 Show the database in use and its schema version',
    async run(backend, cli, io) {
      const info = await call(backend, 'app.info', {});
      if (cli.flags.has('json')) io.out(JSON.stringify(info, null, 2));
      else io.out(`${info.name} ${info.version}\nDatabase: ${info.databasePath} (schema ${info.schemaVersion})`);
    },
  },
};
