import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeWebContents, navigationEvent } from './fakes.ts';

const openExternal = vi.hoisted(() => vi.fn(async (_url: string) => {}));
vi.mock('electron', () => ({ shell: { openExternal } }));

const { hardenSession, hardenWebContents, isAppUrl, isSafeExternalUrl } = await import('../../electron/main/security.ts');

function hardened() {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

describe('navigation rules', () => {
  beforeEach(() => openExternal.mockClear());

  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://localhost:3000/', 'javascript:alert(1)', 'app://lap.evil/index.html', 'app://other/index.html'])(
    'prevents will-navigate to %s',
    (url) => {
      const contents = hardened();
      const event = navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(true);
    },
  );

  it('allows navigation within app://lap', () => {
    const contents = hardened();
    const event = navigationEvent('app://lap/index.html#/wards/E05013246');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('prevents redirects and sub-frame navigations away from the app', () => {
    const contents = hardened();
    for (const name of ['will-redirect', 'will-frame-navigate']) {
      const event = navigationEvent('https://evil.example/');
      contents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens a clicked https link in the browser, never a file: one', () => {
    const contents = hardened();
    contents.emit('will-navigate', navigationEvent('https://www.ons.gov.uk/'));
    contents.emit('will-navigate', navigationEvent('file:///etc/passwd'));
    expect(openExternal.mock.calls).toEqual([['https://www.ons.gov.uk/']]);
  });

  it('denies every new window, opening only https links externally', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler!({ url: 'https://geoportal.statistics.gov.uk/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://lap/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://geoportal.statistics.gov.uk/']]);
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('URL checks', () => {
  it('knows the app origin', () => {
    expect(isAppUrl('app://lap/index.html')).toBe(true);
    expect(isAppUrl('app://lap@evil/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('lets only https out', () => {
    expect(isSafeExternalUrl('https://example.org/a?b=c')).toBe(true);
    for (const url of ['http://example.org/', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org/', 'ms-settings:', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('session rules', () => {
  it('denies every permission request and check, and blocks network requests', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let deviceHandler: (() => boolean) | undefined;
    let beforeRequest: { filter: { urls: string[] }; listener: (d: unknown, cb: (r: { cancel?: boolean }) => void) => void } | undefined;
    const ses = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      setDevicePermissionHandler: (h: typeof deviceHandler) => (deviceHandler = h),
      webRequest: { onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<typeof beforeRequest>['listener']) => (beforeRequest = { filter, listener }) },
    };
    hardenSession(ses as unknown as Session);

    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      requestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(checkHandler!()).toBe(false);
    expect(deviceHandler!()).toBe(false);
    expect(beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const cb = vi.fn();
    beforeRequest!.listener({ url: 'https://tiles.example/0/0/0.png' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});
