/**
 * Static check: no SQL in backend is built from non-constant pieces. Parses every .ts file with the
 * TypeScript compiler and looks at each template literal `...${x}...` and each string concatenation whose text
 * holds SQL keywords. Every interpolated piece must be a constant:
 *
 *   a literal; an UPPER_CASE identifier (a module constant by this code base's convention); `a ? 'x' : 'y'` with
 *   constant branches; `CONST.join('...')`; or an entry in ALLOWED below, each with the reason it is safe.
 *
 * Anything else fails the test: values go in as `?` parameters, never into the SQL text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = path.join(root, 'backend');

/** Upper-case SQL words (this code base writes SQL in capitals; English messages do not use these in capitals). */
const SQL_WORDS = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER|VIEW|UNIQUE INDEX)|DROP (TABLE|INDEX|TRIGGER|VIEW)|ALTER TABLE|PRAGMA|VACUUM|ATTACH|WHERE|VALUES|ORDER BY|GROUP BY|JOIN)\b/;

/**
 * 'file (relative to backend; "*" matches a file name) :: interpolated expression' -> why it is safe.
 * The importer's BatchInsert has moved between files while it was being written, hence data/*.
 */
const ALLOWED: Record<string, string> = {
  'data/* :: table': "BatchInsert: the table name is a literal at each call site ('value', 'value_band')",
  "data/* :: cols.join(',')": 'BatchInsert: the column list is a constant array (LEAN_COLS, FULL_COLS, VALUE_COLS or the literal band columns)',
  "data/* :: Array(BATCH).fill(tuple).join(',')": 'BatchInsert: repeats the placeholder tuple "(?,?,...)" BATCH (a constant) times',
  'data/* :: tuple': 'BatchInsert: "(?,?,...)" made from the column count',
  'data/migrations.ts :: list(AMBITION_IDS)': 'CHECK list from the constant AMBITION_IDS, each quoted with quotes doubled',
  'data/migrations.ts :: list(VALUE_TYPES)': 'CHECK list from the constant VALUE_TYPES, quoted',
  'data/migrations.ts :: list(POLARITIES)': 'CHECK list from the constant POLARITIES, quoted',
  "data/store.ts :: where.join(' AND ')": 'listValues: the clauses are literals with ? placeholders; the values go in as parameters',
  'laps/migrations.ts :: quoteIdent(o.name)': 'migration 22: names of triggers read from sqlite_schema (not user input), quoted as identifiers with quotes doubled',
  'safety/checksum.ts :: quoteIdent(table.name)': 'table names read from sqlite_schema (not user input), quoted as identifiers with quotes doubled',
  'safety/checksum.ts :: orderBy(db, table)': '"rowid" or the primary-key column names from pragma_table_info, each quoted',
  'safety/marker.ts :: quoteIdent(name)': "trigger name: 'safety_marker_' + a table name read from pragma_table_list + a constant operation, quoted as an identifier",
  'safety/marker.ts :: quoteIdent(table)': 'table names read from pragma_table_list (not user input), quoted as identifiers with quotes doubled',
  'safety/marker.ts :: op': "one of the literals 'INSERT', 'UPDATE', 'DELETE'",
  'safety/marker.ts :: when': "'' or a literal WHEN clause on meta.key (NEW or OLD, literals)",
};

/** The ALLOWED key that covers a finding's key, if any. */
function allowedKey(key: string): string | undefined {
  if (ALLOWED[key]) return key;
  const [file, expr] = key.split(' :: ');
  const wild = `${path.posix.dirname(file!)}/* :: ${expr}`;
  return ALLOWED[wild] ? wild : undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function isConstant(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isConstant(e.expression);
  if (ts.isStringLiteral(e) || ts.isNumericLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  if (ts.isIdentifier(e)) return /^[A-Z][A-Z0-9_]*$/.test(e.text);
  if (ts.isConditionalExpression(e)) return isConstant(e.whenTrue) && isConstant(e.whenFalse);
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isConstant(s.expression));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isConstant(e.left) && isConstant(e.right);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join') {
    return isConstant(e.expression.expression) && e.arguments.every(isConstant);
  }
  return false;
}

interface Finding {
  where: string;
  key: string;
  sql: string;
}

function scan(file: string): { findings: Finding[]; sqlTemplates: number } {
  const rel = path.relative(SERVICES, file).split(path.sep).join('/');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  let sqlTemplates = 0;
  const report = (node: ts.Node, expr: ts.Expression, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    findings.push({ where: `${rel}:${line}`, key: `${rel} :: ${expr.getText(sf)}`, sql: text.replace(/\s+/g, ' ').slice(0, 100) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}');
      if (SQL_WORDS.test(text)) {
        sqlTemplates++;
        for (const span of node.templateSpans) if (!isConstant(span.expression)) report(node, span.expression, text);
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const sides = [node.left, node.right];
      const sqlSide = sides.find((s) => (ts.isStringLiteral(s) || ts.isNoSubstitutionTemplateLiteral(s)) && SQL_WORDS.test(s.text));
      if (sqlSide) {
        sqlTemplates++;
        for (const s of sides) if (s !== sqlSide && !isConstant(s)) report(node, s, (sqlSide as ts.StringLiteral).text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { findings, sqlTemplates };
}

describe('static SQL check (backend)', () => {
  it('builds SQL text only from constants; values go in as ? parameters', () => {
    const files = walk(SERVICES);
    const all = files.map(scan);
    const findings = all.flatMap((r) => r.findings);
    const unexplained = findings.filter((f) => !allowedKey(f.key)).map((f) => `${f.where}: \${${f.key.split(' :: ')[1]}} in "${f.sql}"`);
    const used = new Set(findings.map((f) => allowedKey(f.key)));
    const stale = Object.keys(ALLOWED).filter((k) => !used.has(k));
    console.log(
      `[sql-static] ${files.length} files, ${all.reduce((n, r) => n + r.sqlTemplates, 0)} SQL templates/concatenations; ` +
        `${findings.length} non-literal interpolations, all allow-listed with a reason` +
        (stale.length ? `; allow-list entries no longer needed: ${stale.join(', ')}` : ''),
    );
    expect(unexplained).toEqual([]);
  });

  it('catches the patterns it is meant to catch', () => {
    const probe = (code: string) => {
      const sf = ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true);
      const bad: string[] = [];
      const visit = (n: ts.Node) => {
        if (ts.isTemplateExpression(n) && SQL_WORDS.test([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(''))) {
          for (const s of n.templateSpans) if (!isConstant(s.expression)) bad.push(s.expression.getText(sf));
        }
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteral(n.left) && SQL_WORDS.test(n.left.text) && !isConstant(n.right)) {
          bad.push(n.right.getText(sf));
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return bad;
    };
    expect(probe('db.prepare(`SELECT * FROM lap WHERE name = \'${name}\'`)')).toEqual(['name']);
    expect(probe("db.prepare('DELETE FROM lap WHERE id = ' + id)")).toEqual(['id']);
    expect(probe('db.exec(`DROP TABLE ${args.table}`)')).toEqual(['args.table']);
    expect(probe('db.prepare(`SELECT ${COLUMNS} FROM v WHERE k = ?`)')).toEqual([]);
    expect(probe("db.prepare(`UPDATE lap SET ${f === 'a' ? 'a' : 'b'} = ?`)")).toEqual([]);
    expect(probe('const m = `Imported ${n} values from ${file}`')).toEqual([]);
  });
});
