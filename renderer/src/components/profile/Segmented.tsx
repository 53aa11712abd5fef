/**
 * A segmented control: native radio buttons drawn as one row of buttons, so the keyboard works as people expect
 * (Tab to the group, arrow keys to move and choose) and screen readers hear "radio button, 2 of 4".
 */
import { useId, type ReactNode } from 'react';

export interface SegmentOption<T extends string> {
  value: T;
  label: ReactNode;
  /** Extra words for screen readers and the tooltip. */
  title?: string;
  disabled?: boolean;
}

export function Segmented<T extends string>({
  legend,
  options,
  value,
  onChange,
  small,
  hideLegend,
  testId,
}: {
  legend: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange(value: T): void;
  small?: boolean;
  hideLegend?: boolean;
  testId?: string;
}) {
  const name = useId();
  return (
    <fieldset className={`segmented${small ? ' is-small' : ''}`} data-testid={testId}>
      <legend className={hideLegend ? 'visually-hidden' : 'segmented-legend'}>{legend}</legend>
      <div className="segmented-options">
        {options.map((o) => (
          <label key={o.value} className={`segment${o.value === value ? ' is-checked' : ''}${o.disabled ? ' is-disabled' : ''}`} title={o.title}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              disabled={o.disabled}
              onChange={() => onChange(o.value)}
              aria-description={o.title}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
