/**
 * The file input behind an "Import…" button: hidden from sight, the keyboard and screen readers (the button is what
 * people use), and emptied after each pick so the same file can be chosen again.
 */
import type { Ref } from 'react';

export function HiddenFileInput({ ref, accept, testId, onFile }: { ref: Ref<HTMLInputElement>; accept: string; testId: string; onFile: (file: File) => void }) {
  return (
    <input
      ref={ref}
      className="data-sr-only"
      type="file"
      accept={accept}
      tabIndex={-1}
      aria-hidden="true"
      data-testid={testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
