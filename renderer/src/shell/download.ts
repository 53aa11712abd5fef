/**
 * Saves a file through the browser's own download (a Blob and an <a download>). In Electron this opens the save
 * dialog; in the preview it goes to the browser's downloads. Nothing leaves the computer. Used by every feature
 * that saves a file (LAP files, skipped rows, exports).
 */
function downloadBlob(fileName: string, blob: Blob, keepUrlMs: number): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}

/** Saves text (UTF-8) as a file. */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  downloadBlob(fileName, new Blob([content], { type: `${mimeType};charset=utf-8` }), 30_000);
}

/** Saves bytes as a file (a PDF or a spreadsheet can be large: the URL is kept a little longer). */
export function downloadBytes(fileName: string, mimeType: string, bytes: Uint8Array<ArrayBuffer>): void {
  downloadBlob(fileName, new Blob([bytes], { type: mimeType }), 60_000);
}
