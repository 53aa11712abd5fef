import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Polygon, MultiPolygon } from 'geojson';
import { buildGeography, wardAreasHectares } from '../../geodata/build.ts';
import { need } from '../helpers/data.ts';

const sourceDir = path.resolve(__dirname, '../../../shared/data/geodata');
const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../assets/geography.json'), 'utf8'));

describe('bundled geography', () => {
  const boundaries = need(sourceDir, 'the ONS ward boundaries the bundled geography is built from');
  it('is exactly what geodata/build.ts makes from the ONS source (reproducible)', (ctx) => {
    boundaries.skipIfAbsent(ctx);
    const source = JSON.parse(readFileSync(path.join(sourceDir, 'wards.geojson'), 'utf8'));
    const geo = buildGeography(source);
    expect(JSON.stringify({ ...geo, areasHectares: wardAreasHectares(geo) }) + '\n').toBe(readFileSync(path.resolve(__dirname, '../../assets/geography.json'), 'utf8'));
  });

  it('dissolves each council into one polygon whose area equals the sum of its wards', () => {
    for (const lad of committed.authorities.features as Feature<Polygon | MultiPolygon, { code: string }>[]) {
      const wards = committed.wards.features.filter((w: { properties: { authorityCode: string } }) => w.properties.authorityCode === lad.properties.code);
      const sum = wards.reduce((s: number, w: Feature<Polygon>) => s + turf.area(w), 0);
      const outline = turf.area(lad);
      expect(Math.abs(outline - sum) / sum).toBeLessThan(0.0005);
      expect(lad.geometry.type).toBe('Polygon');
    }
  });

  it('puts every label point inside its ward', () => {
    const byCode = new Map(committed.wards.features.map((f: Feature<Polygon, { code: string }>) => [f.properties.code, f]));
    for (const l of committed.labels.features) {
      expect(turf.booleanPointInPolygon(l.geometry.coordinates, byCode.get(l.properties.code) as Feature<Polygon>)).toBe(true);
    }
  });

  it('is compact (4 decimal places, under 400 KB)', () => {
    const text = readFileSync(path.resolve(__dirname, '../../assets/geography.json'), 'utf8');
    expect(text.length).toBeLessThan(400_000);
    expect(text).not.toMatch(/\d\.\d{5,}/);
  });
});
