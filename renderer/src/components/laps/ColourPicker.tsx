/**
 * Choose a LAP colour: a small palette of distinct colours (radio buttons, so arrow keys move between them) and a
 * "Custom" colour field for anything else.
 */
import { useId } from 'react';
import { LAP_PALETTE } from '../../../../shared/laps.ts';

/** Names people can hear and say, in palette order. */
const COLOUR_NAMES: Record<string, string> = {
  '#1b9e77': 'Teal',
  '#d95f02': 'Orange',
  '#7570b3': 'Purple',
  '#e7298a': 'Pink',
  '#66a61e': 'Green',
  '#e6ab02': 'Mustard',
  '#a6761d': 'Brown',
  '#1f78b4': 'Blue',
  '#b2182b': 'Red',
  '#4d9221': 'Dark green',
  '#6a3d9a': 'Violet',
  '#666666': 'Grey',
};

export function colourName(colour: string): string {
  return COLOUR_NAMES[colour.toLowerCase()] ?? `custom colour ${colour.toLowerCase()}`;
}

export function ColourPicker({ value, onChange, legend = 'Colour' }: { value: string; onChange(colour: string): void; legend?: string }) {
  const id = useId();
  const current = value.toLowerCase();
  const isCustom = !(LAP_PALETTE as readonly string[]).includes(current);
  return (
    <fieldset className="colour-picker">
      <legend className="field-label">{legend}</legend>
      <div className="colour-swatches">
        {LAP_PALETTE.map((colour) => (
          <label key={colour} className="colour-swatch" title={COLOUR_NAMES[colour]}>
            <input type="radio" name={`${id}-colour`} value={colour} checked={current === colour} onChange={() => onChange(colour)} aria-label={COLOUR_NAMES[colour]} />
            <span className="colour-swatch-chip" style={{ background: colour }} aria-hidden="true" />
          </label>
        ))}
        <label className={`colour-custom${isCustom ? ' is-checked' : ''}`}>
          <input type="color" value={current} onChange={(e) => onChange(e.target.value)} aria-label="Custom colour" />
          <span>Custom</span>
        </label>
      </div>
    </fieldset>
  );
}
