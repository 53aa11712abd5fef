/**
 * Locks down every web contents and the session: no navigation away from app://lap, no new windows (https links
 * open in the user's browser instead), no <webview>, every permission denied, no network requests.
 */
import { shell, type Session, type WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol.ts';

/** True for app://lap/... (parsed, so app://lap.evil/ or app://lap@evil/ do not pass). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Only plain https links may leave the app, to the system browser; never file:, javascript:, smb:, custom schemes. */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function openExternalSafely(raw: string, open: (url: string) => Promise<void> = (u) => shell.openExternal(u)): boolean {
  if (!isSafeExternalUrl(raw)) return false;
  open(new URL(raw).href).catch((err: unknown) => console.error('Could not open the link in the browser:', err));
  return true;
}

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/**
 * Applies the navigation, window-opening and webview rules to one web contents. main.ts calls it for every web
 * contents via app 'web-contents-created'. `open` is injectable for tests.
 */
export function hardenWebContents(contents: WebContents, open?: (url: string) => Promise<void>): void {
  const guard = (event: NavigationEvent, opensExternally: boolean) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (opensExternally) openExternalSafely(event.url, open);
  };
  // A plain https link clicked in the page opens in the browser; a script or redirect going anywhere else is just stopped.
  contents.on('will-navigate', (event) => guard(event, true));
  contents.on('will-frame-navigate', (event) => guard(event, false));
  contents.on('will-redirect', (event) => guard(event, false));
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, open);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request and check, and blocks requests to the network or the file system. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app is offline by design: the CSP already stops the page, this also covers anything else in the session.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}
