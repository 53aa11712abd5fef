import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LAP_PALETTE, findWard, formatCsv, freeName, parseCsv, pickColour, safeFileName, splitWardList, uncsvCell } from '../../shared/laps.ts';
import { loadBundledGeography } from '../../backend/geography.ts';
import { findAssetsDir } from '../../backend/paths.ts';

const wards = loadBundledGeography(findAssetsDir()).geo.wards.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
const find = (text: string) => {
  const r = findWard(wards, text);
  return r.ok ? r.ward.name : r.message;
};

describe('forgiving ward look-up', () => {
  it('matches case, punctuation, & for and, St for St., codes and unique starts', () => {
    expect(find('st george')).toBe('St. George');
    expect(find('Duston West & St Crispin')).toBe('Duston West and St. Crispin');
    expect(find('ABINGTON AND PHIPPSVILLE')).toBe('Abington and Phippsville');
    expect(find('e05013246')).toBe('Castle');
    expect(find('towcester')).toBe('Towcester and Roade');
    expect(find('Spencer')).toBe('Dallington Spencer');
  });

  it('lists the candidates for an ambiguous name, and suggests near misses for an unknown one', () => {
    expect(find('Daventry')).toBe("'Daventry' matches 2 wards: Daventry East, Daventry West. Use the full name or the code.");
    expect(find('kingsthorpe')).toBe("'kingsthorpe' matches 2 wards: Kingsthorpe North, Kingsthorpe South. Use the full name or the code.");
    expect(find('Oundel')).toBe("'Oundel' matches no ward. Did you mean Oundle?");
    expect(find('Zanzibar')).toBe("'Zanzibar' matches no ward.");
    expect(find('E05099999')).toBe('There is no ward with code E05099999.');
  });

  it('every ward is found by its own name and by its name in lower case without punctuation', () => {
    for (const w of wards) {
      expect(find(w.name)).toBe(w.name);
      expect(find(w.name.toLowerCase().replace(/\./g, '').replace(/ and /g, ' & '))).toBe(w.name);
    }
  });

  it('splits typed lists', () => {
    expect(splitWardList(' Castle, St George;Brackley ,, ')).toEqual(['Castle', 'St George', 'Brackley']);
  });
});

describe('CSV', () => {
  it('round-trips any table of strings, including quotes, commas, line breaks and formula-like cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', '\r\n', '=', '+', '-', '@', "'", 'é', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const table = [['lap_name', 'ward_code', 'ward_name'], ...rows];
        const parsed = parseCsv(formatCsv(table)).map((r) => r.cells.map(uncsvCell));
        // Rows that are entirely one empty cell are skipped by the reader; ours always have 3 cells.
        expect(parsed).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });

  it('reports the line each record starts on, and skips blank lines', () => {
    const rows = parseCsv('\uFEFFa,b\r\n\r\n"x\ny",2\n3,4');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });
});

describe('names and colours', () => {
  it('free names', () => {
    const taken = new Set(['N4', 'N4 (2)', 'N4 (copy)']);
    expect(freeName('N5', (n) => taken.has(n))).toBe('N5');
    expect(freeName('N4', (n) => taken.has(n))).toBe('N4 (3)');
    expect(freeName('N4', (n) => taken.has(n), 'copy')).toBe('N4 (copy 2)');
  });

  it('palette colours', () => {
    expect(pickColour([])).toBe(LAP_PALETTE[0]);
    expect(pickColour([LAP_PALETTE[0], LAP_PALETTE[1].toUpperCase()])).toBe(LAP_PALETTE[2]);
    expect(LAP_PALETTE).toContain(pickColour([...LAP_PALETTE]));
  });

  it('safe file names', () => {
    expect(safeFileName('West Northamptonshire LAPs', 'json')).toBe('West Northamptonshire LAPs.json');
    expect(safeFileName('../a/b:c', 'csv')).toBe('a-b-c.csv');
    expect(safeFileName('///', 'csv')).toBe('laps.csv');
  });
});
