/**
 * The Help panel: what a LAP profile is, how to read a spine chart, the comparison words, what an estimate is,
 * where the data come from and how old each source is ("data as of", from the datasets' own metadata), keyboard
 * shortcuts, and where to read about importing your own data. Everything is in the app, so it works offline.
 *
 * Opened by the header's Help button, F1, and the app menu's Help ▸ LAP Insight Help ('menu:help', shell/commands.ts).
 */
import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../../shared/contract/data.ts';
import { send } from '../api.ts';
import { formatDate } from '../profile/format.ts';
import { useHelpStore } from '../shell/helpStore.ts';
import { Dialog } from './Dialog.tsx';
import { ComparisonLegend } from './profile/ComparisonLegend.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

const SHORTCUTS: readonly [string, string][] = [
  ['F1', 'Open this help'],
  [`${MOD}Z`, 'Undo the last change to a LAP'],
  [`${MOD}Shift+Z or ${MOD}Y`, 'Redo'],
  ['Tab, Shift+Tab', 'Move between controls (the focused one has an amber ring)'],
  ['Left / Right arrows, Home, End', 'Move between the side-panel tabs, or the choices in a switch'],
  ['Enter or Space', 'Press the focused button; open or close a section'],
  ['Escape', 'Close a dialog, a menu or a popup'],
  ['+ / − and arrow keys on the map', 'Zoom and pan the map'],
  ['Shift-drag on the map', 'Draw a box round wards to add them to the LAP you are editing (LAPs tab)'],
];

function DataSources() {
  const [datasets, setDatasets] = useState<DatasetInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    send('datasets.list', {})
      .then((list) => live && setDatasets(list))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <p className="hint">The list of sources could not be read. The Data tab shows them too.</p>;
  if (!datasets) return <p className="hint">Reading the list of sources…</p>;
  if (datasets.length === 0) return <p className="hint">There are no datasets. Import one on the Data tab.</p>;
  return (
    <table className="help-sources" data-testid="help-sources">
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Publisher</th>
          <th scope="col">Data as of</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id}>
            <td>
              {d.name}
              {d.kind === 'user' && <span className="hint"> (imported {formatDate(d.importedAt)})</span>}
            </td>
            <td>{d.publisher || '–'}</td>
            <td>{d.period || 'not stated'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HelpPanel() {
  const open = useHelpStore((s) => s.open);
  const hide = useHelpStore((s) => s.hide);
  if (!open) return null;
  return (
    <Dialog title="LAP Insight help" onClose={hide} className="help-dialog">
      <div className="help-body" data-testid="help-panel">
        <nav
          aria-label="Help topics"
          onClick={(event) => {
            // Scroll within the panel instead of changing the page's address.
            const link = (event.target as HTMLElement).closest('a');
            const topic = link?.getAttribute('href')?.slice(1);
            if (!topic) return;
            event.preventDefault();
            const heading = document.getElementById(topic);
            if (!heading) return;
            heading.tabIndex = -1;
            heading.scrollIntoView({ block: 'start' });
            heading.focus({ preventScroll: true });
          }}
        >
          <ul className="help-topics">
            <li><a href="#help-profile">A LAP profile</a></li>
            <li><a href="#help-spine">Spine charts</a></li>
            <li><a href="#help-words">Comparison words</a></li>
            <li><a href="#help-estimates">Estimates</a></li>
            <li><a href="#help-sources">Sources and dates</a></li>
            <li><a href="#help-keys">Keyboard</a></li>
            <li><a href="#help-import">Your own data</a></li>
          </ul>
        </nav>

        <h3 id="help-profile">What a LAP profile is</h3>
        <p>
          A Local Area Partnership (LAP) is a group of electoral wards that work together. Its profile (the Profile tab) gathers health,
          deprivation and wider-determinant indicators for those wards, grouped under the ten “Live Your Best Life” ambitions, and compares
          each one with the council, the other council or England. Choose a LAP, a ward or a whole council at the top of the Profile tab;
          the map moves to show it. Export ▾ saves the profile as a PDF, a spreadsheet or a map picture.
        </p>

        <h3 id="help-spine">How to read a spine chart</h3>
        <p>
          Each indicator row has a small chart, as in Fingertips. The black line in the middle is the benchmark (the council or England).
          The pale bar runs from the lowest to the highest ward of the council, and the darker band covers the middle half of those wards
          (25th to 75th percentile). The dot is this area’s value, coloured by its comparison. Better is always to the right: the chart is
          flipped for measures where lower is better. Where neither direction is better, higher is to the right.
        </p>

        <h3 id="help-words">The comparison words</h3>
        <ComparisonLegend open />

        <h3 id="help-estimates">What an estimate is</h3>
        <p>
          Most figures are published for small areas (output areas, LSOAs or MSOAs), not for wards. LAP Insight adds up the small areas that
          best fit each ward, so a ward’s figure is an <strong>estimate</strong> for the ward boundary and is labelled so. For a LAP, the
          counts of its wards are summed and the rate is worked out once, as Fingertips does. The range after a value (its 95% confidence
          interval) shows how much it could vary by chance.
        </p>

        <h3 id="help-sources">Where the data come from, and how old they are</h3>
        <DataSources />

        <h3 id="help-keys">Keyboard shortcuts</h3>
        <table className="help-keys">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3 id="help-import">Importing your own data</h3>
        <p>
          Indicator files: the Data tab, <em>Import data…</em> (or drop a file on the window). Lists of places such as GP surgeries: the
          Places tab, <em>Import places…</em>. Each file is checked first and nothing is stored until you confirm. The file formats, with
          examples, are described in <code>docs/bringing-your-own-data.md</code> in the LAP Insight folder; the statistical methods in{' '}
          <code>docs/methods.md</code>.
        </p>
      </div>
      <div className="button-row dialog-buttons">
        <button type="button" className="button" onClick={hide} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** The header's Help button. */
export function HelpButton() {
  const show = useHelpStore((s) => s.show);
  return (
    <button type="button" className="history-button help-button" onClick={show} aria-keyshortcuts="F1" title="Help (F1)" data-testid="help-button">
      Help
    </button>
  );
}
