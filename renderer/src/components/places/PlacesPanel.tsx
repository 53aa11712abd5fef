/**
 * The Places tab (issue: Assets and access): import a list of places (GP surgeries, pharmacies, family hubs, food
 * banks, warm spaces, youth clubs, job centres, community venues), the lists imported, which categories the map
 * shows (also the map's key), a searchable list of the places with "attach to a LAP", and where distances are
 * measured from. Every number comes from the backend (places.* verbs).
 */
import { useEffect, useId, useRef } from 'react';
import { PLACE_CATEGORIES } from '../../../../shared/places.ts';
import { listJoin } from '../../../../shared/format.ts';
import { categoryInSentence } from '../../places/format.ts';
import { PLACES_FILE_ACCEPT, usePlacesImportStore } from '../../places/importStore.ts';
import { hasPlaces, usePlacesStore } from '../../places/store.ts';
import { BuiltinRestore } from './BuiltinRestore.tsx';
import { CategoryFilter } from './CategoryFilter.tsx';
import { CentresSection } from './CentresSection.tsx';
import { PlaceFinder } from './PlaceFinder.tsx';
import { PlaceLists } from './PlaceLists.tsx';
import { PlacesImportDialog } from './PlacesImportDialog.tsx';
import { HiddenFileInput } from '../HiddenFileInput.tsx';

/** "GP surgeries, pharmacies, … and community venues". */
const CATEGORY_WORDS = listJoin(PLACE_CATEGORIES.map((c) => categoryInSentence(c.id, true)));

const FILE_HELP =
  'Bring a CSV with name, category and longitude/latitude or easting/northing (British National Grid), and if you have them address, postcode and reference columns; or a GeoJSON of points with the same properties.';

export function PlacesPanel() {
  const id = useId();
  const status = usePlacesStore((s) => s.status);
  const error = usePlacesStore((s) => s.error);
  const lists = usePlacesStore((s) => s.lists);
  const any = usePlacesStore(hasPlaces);
  const load = usePlacesStore((s) => s.load);
  const ensureDetails = usePlacesStore((s) => s.ensureDetails);
  const importing = usePlacesImportStore((s) => s.step !== 'closed');
  const openFile = usePlacesImportStore((s) => s.openFile);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Coming to the tab: the places and their LAPs may have changed meanwhile (LAP edits, the command line).
    void load();
    void ensureDetails(true);
  }, [load, ensureDetails]);

  return (
    <div className="places-panel" data-testid="places-panel">
      <section className="places-import" aria-labelledby={`${id}-import`}>
        <h2 id={`${id}-import`} className="panel-heading">
          Places
        </h2>
        {status === 'ready' && !any ? (
          <div className="empty-state" data-testid="places-empty">
            <p>
              <strong>No places yet.</strong>
            </p>
            <p>
              Places are the services and venues people in a LAP rely on: {CATEGORY_WORDS}. Import your own list to see them on the map, count them in each LAP, and
              see how far each ward is from the nearest one.
            </p>
            <p className="hint">{FILE_HELP}</p>
          </div>
        ) : (
          <p className="places-intro">
            The places you imported: on the map, counted in each LAP’s profile, and measured from each ward. <span className="hint">{FILE_HELP}</span>
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button" disabled={importing} onClick={() => fileInput.current?.click()} data-testid="places-import-button">
            Import places…
          </button>
        </div>
        <p className="hint">You see what the file holds, and any problems, before anything is stored.</p>
        {status === 'ready' && <BuiltinRestore />}
        <HiddenFileInput ref={fileInput} accept={PLACES_FILE_ACCEPT} testId="places-file-input" onFile={(file) => void openFile(file)} />
      </section>

      {status === 'error' && (
        <div className="panel-problem" role="alert">
          <p>
            <strong>The places could not be loaded.</strong>
          </p>
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {(status === 'loading' || status === 'idle') && (
        <p className="hint places-loading" role="status">
          Loading the places…
        </p>
      )}

      {status === 'ready' && any && <CategoryFilter />}
      {status === 'ready' && any && <PlaceFinder />}
      {status === 'ready' && lists.length > 0 && (
        <section className="places-lists" aria-labelledby={`${id}-lists`}>
          <PlaceLists lists={lists} headingId={`${id}-lists`} />
        </section>
      )}
      {status === 'ready' && <CentresSection />}
      <PlacesImportDialog />
    </div>
  );
}
