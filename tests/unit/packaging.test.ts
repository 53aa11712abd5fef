/**
 * The package: runtime dependencies only what the packed app loads, electron-builder.yml's fuses, unpacking, icon
 * and maintainer, the signing/notarisation switches read from the environment, the Node version, and the packed
 * file-list check the desktop workflow runs after `electron-builder --dir`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules without type declarations
import { DEFAULT_MAINTAINER, packagingOverrides } from '../../scripts/packaging-env.mjs';
// @ts-expect-error plain JavaScript module without type declarations
import { checkPackedApp, findAsars } from '../../scripts/check-package.mjs';
import { tempDir } from '../helpers/tmp.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const semver = require('semver') as { minVersion: (range: string) => { version: string } | null; satisfies: (v: string, range: string) => boolean };
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};
const builder = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { maintainer: string; icon: string };
  win: { icon: string };
  mac: { icon: string; notarize: boolean };
  icon: string;
};

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('package.json', () => {
  it('depends at run time only on better-sqlite3 (native) and exceljs (required at run time by the XLSX export)', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['better-sqlite3', 'exceljs']);
    // What Vite or esbuild bundles is a devDependency.
    for (const bundled of ['react', 'react-dom', 'maplibre-gl', '@turf/turf', 'zod', 'zustand', 'd3-geo', 'proj4', '@fontsource/source-sans-3', 'tsx']) {
      expect(pkg.devDependencies[bundled], bundled).toBeTruthy();
    }
    const xlsx = readFileSync(path.join(repo, 'backend/report/xlsx.ts'), 'utf8');
    expect(xlsx).toMatch(/const EXCELJS = 'exceljs'/); // still required at run time, so still a dependency
  });

  it("engines.node is the toolchain's real floor: the highest minimum of electron, vite, vitest and eslint", () => {
    const floors = ['electron', 'vite', 'vitest', 'eslint', 'better-sqlite3'].map((name) => {
      const range = (JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '*';
      return { name, range };
    });
    const ours = semver.minVersion(pkg.engines.node)!.version;
    expect(ours).toBe('22.13.0');
    for (const { name, range } of floors) expect(semver.satisfies(ours, range), `${name} ${range}`).toBe(true);
    // and no lower version would do: 22.12.x fails eslint's ^22.13.0
    expect(floors.every(({ range }) => semver.satisfies('22.12.0', range))).toBe(false);
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('Node.js 22.13');
  });
});

describe('electron-builder.yml', () => {
  it('unpacks only .node files, ships no source maps and no better-sqlite3 sources', () => {
    expect(builder.asarUnpack).toEqual(['**/*.node']);
    expect(builder.files).toContain('!**/*.map');
    for (const dir of ['deps', 'src']) expect(builder.files).toContain(`!node_modules/better-sqlite3/${dir}/**`);
  });

  it('flips the Electron fuses', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has an icon per platform: a 1024 px PNG, an ICO and an ICNS', () => {
    const png = readFileSync(path.join(repo, builder.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const ico = readFileSync(path.join(repo, builder.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
    const icns = readFileSync(path.join(repo, builder.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // the 1024 px image
  });

  it('names no made-up maintainer address', () => {
    expect(builder.linux.maintainer).toBe(DEFAULT_MAINTAINER);
    expect(builder.linux.maintainer).not.toMatch(/@|example/);
  });
});

describe('packaging settings from the environment (scripts/packaging-env.mjs)', () => {
  it('Linux: the maintainer from LAP_INSIGHT_MAINTAINER, else the honest default; the homepage when given', () => {
    expect(packagingOverrides({}, 'linux').args).toEqual([`-c.linux.maintainer=${DEFAULT_MAINTAINER}`]);
    expect(packagingOverrides({ LAP_INSIGHT_MAINTAINER: 'Jo Bloggs <jo@council.example>', LAP_INSIGHT_HOMEPAGE: 'https://lap.example/' }, 'linux').args).toEqual([
      '-c.linux.maintainer=Jo Bloggs <jo@council.example>',
      '-c.extraMetadata.homepage=https://lap.example/',
    ]);
  });

  it('macOS without credentials: no signing identity hunted for, no notarisation, and said so', () => {
    const o = packagingOverrides({}, 'darwin');
    expect(o.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(o.args).toEqual(['-c.mac.notarize=false']);
    expect(o.notes.join(' ')).toMatch(/Code signing: skipped.*Notarisation: skipped/);
  });

  it('macOS with a certificate and an API key: signed and notarised; a certificate alone: signed, not notarised', () => {
    const cert = { CSC_LINK: '/secure/cert.p12', CSC_KEY_PASSWORD: 'x' };
    const full = packagingOverrides({ ...cert, APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' }, 'darwin');
    expect(full.env).toEqual({});
    expect(full.args).toEqual([]);
    expect(packagingOverrides(cert, 'darwin').args).toEqual(['-c.mac.notarize=false']);
    expect(packagingOverrides({ ...cert, APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b' }, 'darwin').args).toEqual(['-c.mac.notarize=false']); // no team id
  });

  it('Windows: signed with WIN_CSC_LINK or CSC_LINK, else unsigned', () => {
    expect(packagingOverrides({}, 'win32').env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(packagingOverrides({ WIN_CSC_LINK: 'c.pfx' }, 'win32').env).toEqual({});
    expect(packagingOverrides({ CSC_LINK: '  ' }, 'win32').env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
  });
});

describe('the packed file-list check (scripts/check-package.mjs)', () => {
  const asar = require('@electron/asar') as { createPackage: (src: string, dest: string) => Promise<void> };

  async function packed(extra: (app: string, resources: string) => void = () => {}): Promise<string> {
    const t = tempDir('lap-packed-');
    cleanups.push(t.cleanup);
    const app = path.join(t.dir, 'app');
    const resources = path.join(t.dir, 'linux-unpacked', 'resources');
    const put = (file: string, text = 'x') => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    for (const f of ['package.json', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/index.html', 'node_modules/better-sqlite3/package.json', 'node_modules/better-sqlite3/lib/index.js']) {
      put(path.join(app, f));
    }
    put(path.join(resources, 'assets', 'geography.json'), '{}');
    put(path.join(resources, 'docs', 'methods.md'));
    put(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    extra(app, resources);
    await asar.createPackage(app, path.join(resources, 'app.asar'));
    return t.dir;
  }

  it('passes a package laid out as electron-builder.yml says', async () => {
    const release = await packed();
    const [file] = findAsars(release) as string[];
    expect(file).toBe(path.join(release, 'linux-unpacked', 'resources', 'app.asar'));
    expect(checkPackedApp(file).problems).toEqual([]);
  });

  it('names every problem: a source map, a bundled module shipped again, sources, a non-.node file unpacked, no data', async () => {
    const release = await packed((app, resources) => {
      writeFileSync(path.join(app, 'dist-electron', 'main.cjs.map'), '{}');
      mkdirSync(path.join(app, 'node_modules', 'react'), { recursive: true });
      writeFileSync(path.join(app, 'node_modules', 'react', 'index.js'), '');
      mkdirSync(path.join(app, 'node_modules', 'better-sqlite3', 'src'), { recursive: true });
      writeFileSync(path.join(app, 'node_modules', 'better-sqlite3', 'src', 'better_sqlite3.cpp'), '');
      writeFileSync(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'package.json'), '{}');
      writeFileSync(path.join(resources, 'docs', 'methods.md'), '');
      require('node:fs').rmSync(path.join(resources, 'assets'), { recursive: true });
    });
    const { problems } = checkPackedApp(findAsars(release)[0]) as { problems: string[] };
    expect(problems.sort()).toEqual(
      [
        'source map in app.asar: /dist-electron/main.cjs.map',
        'bundled module shipped again in app.asar: node_modules/react',
        'better-sqlite3 source in app.asar: /node_modules/better-sqlite3/src/better_sqlite3.cpp',
        `unpacked but not a .node file: ${path.join('app.asar.unpacked', 'node_modules', 'better-sqlite3', 'package.json')}`,
        'missing beside app.asar: resources/assets/geography.json',
      ].sort(),
    );
  });
});
