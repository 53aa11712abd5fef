/**
 * App-wide parts of the data import: a drop zone over the whole window ("Drop a CSV file to import it" while a
 * file is dragged over it; a GeoJSON, or a file dropped while the Places tab is open, goes to the places import) and the import dialog.
 * The menu's File > Import data… opens it too (shell/commands.ts).
 *
 * Dropped files never make the browser leave the app: every drag of files is caught on the window.
 */
import { useEffect, useState } from 'react';
import { useImportStore } from '../../data/importStore.ts';
import { usePlacesImportStore } from '../../places/importStore.ts';
import { announce } from '../../shell/statusStore.ts';
import { useUiStore } from '../../shell/uiStore.ts';
import { ImportDialog } from './ImportDialog.tsx';

function hasFiles(event: DragEvent): boolean {
  const types = event.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/** Another dialog (a LAP dialog, a confirmation) is open: a drop would land behind it. */
export function otherDialogOpen(): boolean {
  return [...document.querySelectorAll('dialog[open]')].some((d) => !d.classList.contains('data-import-dialog'));
}

export function takeDroppedFiles(files: FileList | null | undefined): void {
  const list = files ? Array.from(files) : [];
  if (list.length === 0) {
    announce('Nothing to import: drop a CSV file (folders and links cannot be imported).', 'error');
    return;
  }
  if (list.length > 1) {
    announce(`${list.length} files were dropped. Drop one file at a time.`, 'error');
    return;
  }
  if (otherDialogOpen()) {
    announce('Close the open dialog first, then drop the file again.', 'error');
    return;
  }
  const file = list[0]!;
  // A GeoJSON, or any file dropped while the Places tab is open, is a list of places (the Places import checks it).
  if (/\.geojson$/i.test(file.name) || useUiStore.getState().panel === 'places') {
    if (usePlacesImportStore.getState().step === 'importing') {
      announce('Places are being imported. Wait for that to finish before dropping another file.', 'error');
      return;
    }
    useUiStore.getState().setPanel('places');
    void usePlacesImportStore.getState().openFile(file);
    return;
  }
  void useImportStore.getState().openFile(file);
}

export function DataImportLayer() {
  const [dragging, setDragging] = useState(false);
  const dialogOpen = useImportStore((s) => s.open);
  const panel = useUiStore((s) => s.panel);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = useImportStore.getState().step === 'importing' && useImportStore.getState().open ? 'none' : 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      takeDroppedFiles(event.dataTransfer?.files);
    };
    const onEnd = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', onEnd);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', onEnd);
    };
  }, []);

  return (
    <>
      {dragging && !dialogOpen && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-box">
            <p className="drop-overlay-title">{panel === 'places' ? 'Drop a list of places (CSV or GeoJSON) to import it' : 'Drop a CSV file to import it'}</p>
            <p className="drop-overlay-text">You will see what it holds, and any problems, before anything is stored.</p>
          </div>
        </div>
      )}
      <ImportDialog dragging={dragging} />
    </>
  );
}
