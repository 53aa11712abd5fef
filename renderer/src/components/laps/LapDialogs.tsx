/** The LAPs tab's dialogs: new LAP, delete LAP (naming it), and import a LAP file. */
import { useId, useState, type FormEvent } from 'react';
import { freeName, nameKey, pickColour } from '../../../../shared/laps.ts';
import { createLap, deleteLap, importLaps } from '../../laps/actions.ts';
import { formatCount } from '../../laps/format.ts';
import { currentSet, useLapsStore } from '../../laps/store.ts';
import { Dialog } from '../Dialog.tsx';
import { ColourPicker } from './ColourPicker.tsx';
import { InlineMessage } from './Message.tsx';

export function LapDialogs() {
  const dialog = useLapsStore((s) => s.dialog);
  const close = () => useLapsStore.getState().openDialog(null);
  if (!dialog) return null;
  if (dialog.kind === 'create') return <NewLapDialog onClose={close} />;
  if (dialog.kind === 'delete') return <DeleteLapDialog lapId={dialog.lapId} onClose={close} />;
  return <ImportDialog onClose={close} />;
}

function NewLapDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const set = useLapsStore(currentSet);
  const laps = useLapsStore((s) => s.laps);
  const [name, setName] = useState(() => freeName('New LAP', (n) => laps.some((l) => nameKey(l.name) === nameKey(n))));
  const [colour, setColour] = useState(() => pickColour(laps.map((l) => l.colour)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!set) return;
    if (!name.trim()) {
      setError('A LAP needs a name.');
      return;
    }
    setBusy(true);
    const result = await createLap({ setId: set.id, name: name.trim(), colour });
    setBusy(false);
    if (result.ok) {
      onClose();
      // The keyboard goes to the new LAP (the list, on its option) once the dialog has handed the focus back.
      window.setTimeout(() => document.querySelector<HTMLElement>('.lap-list')?.focus(), 0);
    } else setError(result.message);
  };

  return (
    <Dialog title={`New LAP in ${set?.name ?? 'this set'}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <label className="field-label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          id={`${id}-name`}
          data-autofocus
          className="text-input"
          type="text"
          value={name}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <ColourPicker value={colour} onChange={setColour} />
        {error && <InlineMessage text={error} tone="error" />}
        <p className="hint">After creating it, click its wards on the map or tick them in the list.</p>
        <div className="button-row dialog-buttons">
          <button type="submit" className="button" disabled={busy}>
            Create LAP
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteLapDialog({ lapId, onClose }: { lapId: number; onClose(): void }) {
  const lap = useLapsStore((s) => s.laps.find((l) => l.id === lapId));
  const [busy, setBusy] = useState(false);
  if (!lap) return null;

  const confirm = async () => {
    setBusy(true);
    await deleteLap(lap.id);
    setBusy(false);
    onClose();
    document.querySelector<HTMLElement>('.lap-list, .lap-list-section button')?.focus();
  };

  return (
    <Dialog title={`Delete ${lap.name}?`} onClose={onClose} className="dialog-danger">
      <p>
        {lap.name} has {formatCount(lap.wardCount, 'ward')}
        {lap.notes ? ' and notes' : ''}. Deleting it removes it from {lap.set.name}.
      </p>
      <p className="hint">You can bring it back with Undo.</p>
      <div className="button-row dialog-buttons">
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>
          Delete {lap.name}
        </button>
        <button type="button" className="button button-quiet" data-autofocus onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function ImportDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const set = useLapsStore(currentSet);
  const sets = useLapsStore((s) => s.sets);
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [target, setTarget] = useState<string>('file');
  const [onNameClash, setOnNameClash] = useState<'rename' | 'fail'>('rename');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const isCsv = file ? /\.csv$/i.test(file.name) || (!/\.json$/i.test(file.name) && !file.content.trimStart().startsWith('{')) : false;
  // A CSV file names no set, so it needs one; JSON files name their own sets unless told otherwise.
  const setChoice = isCsv && target === 'file' ? String(set?.id ?? sets.find((s) => s.kind === 'custom')?.id ?? '') : target;

  const choose = async (list: FileList | null) => {
    setError(null);
    const chosen = list?.[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    try {
      setFile({ name: chosen.name, content: await chosen.text() });
    } catch {
      setFile(null);
      setError(`${chosen.name} could not be read. Check the file and try again.`);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a LAP file first.');
      return;
    }
    setBusy(true);
    const setId = setChoice === 'file' || setChoice === '' ? undefined : Number(setChoice);
    const result = await importLaps({
      content: file.content,
      fileName: file.name,
      ...(isCsv ? { format: 'csv' as const } : /\.json$/i.test(file.name) ? { format: 'json' as const } : {}),
      ...(setId !== undefined ? { setId } : {}),
      onNameClash,
    });
    setBusy(false);
    if (result.ok) {
      onClose();
      // The keyboard goes to the new LAP (the list, on its option) once the dialog has handed the focus back.
      window.setTimeout(() => document.querySelector<HTMLElement>('.lap-list')?.focus(), 0);
    } else setError(result.message);
  };

  return (
    <Dialog title="Import LAPs" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <p className="hint">
          A LAP Insight file (.json) or a spreadsheet saved as CSV with the columns lap_name, ward_code and ward_name. Nothing is
          imported if the file has a problem.
        </p>
        <label className="field-label" htmlFor={`${id}-file`}>
          LAP file
        </label>
        <input
          id={`${id}-file`}
          data-autofocus
          className="file-input"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void choose(e.target.files)}
        />
        <label className="field-label" htmlFor={`${id}-target`}>
          Put the LAPs in
        </label>
        <select id={`${id}-target`} className="select" value={setChoice || 'file'} onChange={(e) => setTarget(e.target.value)}>
          {!isCsv && <option value="file">The sets named in the file</option>}
          {sets.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
        <fieldset className="radio-group">
          <legend className="field-label">If a LAP of the same name is already there (with other wards)</legend>
          <label className="check-row">
            <input type="radio" name={`${id}-clash`} checked={onNameClash === 'rename'} onChange={() => setOnNameClash('rename')} />
            Import it under a new name, such as “N4 (2)”
          </label>
          <label className="check-row">
            <input type="radio" name={`${id}-clash`} checked={onNameClash === 'fail'} onChange={() => setOnNameClash('fail')} />
            Stop, and import nothing
          </label>
        </fieldset>
        {error && <InlineMessage text={error} tone="error" testId="import-error" />}
        <div className="button-row dialog-buttons">
          <button type="submit" className="button" disabled={busy || !file}>
            Import
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
