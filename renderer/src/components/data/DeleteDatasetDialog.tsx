/** Confirms deleting an imported dataset, naming it and how many values go with it. */
import { useState } from 'react';
import type { DatasetInfo } from '../../../../shared/contract/data.ts';
import { useDatasetsStore } from '../../data/datasetsStore.ts';
import { count, formatDate } from '../../data/format.ts';
import { InlineMessage } from '../laps/Message.tsx';
import { DataDialog } from './DataDialog.tsx';

export function DeleteDatasetDialog({ dataset, onClose, onDeleted }: { dataset: DatasetInfo; onClose(): void; onDeleted(): void }) {
  const remove = useDatasetsStore((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await remove(dataset.id);
    setBusy(false);
    if (result.ok) onDeleted();
    else setError(result.message);
  };

  const indicators = dataset.indicatorIds.length;
  return (
    <DataDialog title={`Delete “${dataset.name}”?`} onClose={() => (busy ? false : onClose())} className="dialog-danger" testId="delete-dataset-dialog">
      <div className="data-dialog-body">
        <p data-testid="delete-dataset-text">
          This removes {count(dataset.valueCount, 'value')} of {count(indicators, 'indicator')}, imported from {dataset.fileName} on {formatDate(dataset.importedAt)}.
          Indicators that have no other values are removed too.
        </p>
        <p className="hint">This cannot be undone. To get the data back, import the file again.</p>
        {error && <InlineMessage text={error} tone="error" testId="delete-dataset-error" />}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Deleting…' : `Delete “${dataset.name}”`}
        </button>
        <button type="button" className="button button-quiet" data-autofocus disabled={busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </DataDialog>
  );
}
