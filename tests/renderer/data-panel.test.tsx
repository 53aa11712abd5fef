// @vitest-environment jsdom
/**
 * The Data tab and its import dialog (renderer/src/components/data/) against a stand-in backend: no imported data
 * yet beside the bundled sources, a list that cannot be loaded, and a file with a bad value, whose problem is
 * shown with its row and column and nothing offered to import.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndicatorInfo } from '../../shared/contract/data.ts';
import { DataImportLayer } from '../../renderer/src/components/data/DataImportLayer.tsx';
import { DataPanel } from '../../renderer/src/components/data/DataPanel.tsx';
import { useDatasetsStore } from '../../renderer/src/data/datasetsStore.ts';
import { useImportStore } from '../../renderer/src/data/importStore.ts';
import { badPreview, BUNDLED_DATASET } from './fixtures.ts';
import { Refusal, storeResetter, stubBackend, stubLayout, type StubAnswers } from './helpers.ts';

const resetStores = storeResetter(useDatasetsStore, useImportStore);

const answers: StubAnswers = {
  'datasets.list': () => [BUNDLED_DATASET],
  'indicators.list': () => [{ id: 'census21_usual_residents', name: 'Usual residents' } as IndicatorInfo],
};

beforeEach(() => {
  stubLayout();
  localStorage.clear();
  resetStores();
});

afterEach(cleanup);

describe('Data tab', () => {
  it('with nothing imported yet: says so, lists the bundled sources, and offers an import', async () => {
    stubBackend(answers);
    render(<DataPanel />);

    expect((await screen.findByTestId('data-empty')).textContent).toContain('No imported data yet.');
    expect(screen.getByRole('heading', { name: 'Imported data (0)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Bundled with LAP Insight (1)' })).toBeTruthy();
    const card = screen.getByTestId('dataset');
    expect(within(card).getByRole('heading', { name: /^Census 2021: usual residents/ })).toBeTruthy();
    expect(within(card).getByTestId('dataset-licence').textContent).toBe('Open Government Licence v3.0');
    expect(screen.getByText('1 source, all published under the Open Government Licence v3.0.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import a file…' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows why the list could not be loaded, and Try again loads it', async () => {
    const backend = stubBackend({
      ...answers,
      'datasets.list': () => {
        throw new Refusal('internal', 'The database could not be read.');
      },
    });
    render(<DataPanel />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The list of data could not be loaded.');
    expect(alert.textContent).toContain('The database could not be read.');

    backend.answer({ 'datasets.list': answers['datasets.list'] });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('data-empty')).toBeTruthy();
  });
});

describe('Import dialog', () => {
  it('shows a bad value with its file, row and column, and offers nothing to import', async () => {
    const backend = stubBackend({
      ...answers,
      'files.stage': ({ contentBase64 }) => ({ fileId: 'f1', bytes: atob(contentBase64).length }),
      'import.preview': ({ fileName }) => badPreview(fileName),
    });
    render(<DataImportLayer />);

    const file = new File(['indicator,area_code,period,value\nsmokers,E05013246,2023,14.2\nsmokers,E05013239,2023,abc\n'], 'smoking.csv', { type: 'text/csv' });
    await act(() => useImportStore.getState().openFile(file));

    const dialog = await screen.findByRole('dialog');
    const errors = within(dialog).getByTestId('import-errors');
    const problem = within(errors).getByRole('listitem');
    expect(problem.getAttribute('data-row')).toBe('3');
    expect(problem.getAttribute('data-column')).toBe('value');
    expect(problem.textContent).toContain('smoking.csv');
    expect(problem.textContent).toContain('row 3');
    expect(problem.textContent).toContain("'abc' is not a number.");
    expect(within(dialog).getByText('1 problem to fix')).toBeTruthy();
    expect(within(dialog).getByText('Nothing has been imported.')).toBeTruthy();
    // Only a way out: no import button.
    expect(within(dialog).queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
    // The file went to the backend once, staged, and was checked by its staged id.
    expect(backend.argsOf('files.stage')).toHaveLength(1);
    expect(backend.argsOf('import.preview')[0]).toMatchObject({ fileName: 'smoking.csv', fileId: 'f1' });
  });

  it('refuses a JSON file at once, naming it and saying where LAP files go', async () => {
    const backend = stubBackend(answers);
    render(<DataImportLayer />);

    await act(() => useImportStore.getState().openFile(new File(['{}'], 'n4.json', { type: 'application/json' })));

    const problem = await screen.findByTestId('import-problem');
    expect(problem.textContent).toBe('n4.json is a JSON file. Data imports take CSV files. To load LAPs from a LAP Insight file, use Import LAPs… on the LAPs tab.');
    expect(backend.calls.filter((c) => c.channel === 'files.stage' || c.channel === 'import.preview')).toEqual([]);
  });
});
