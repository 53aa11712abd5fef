/**
 * The renderer's Content-Security-Policy, used by the Electron app:// protocol and the preview server alike.
 * No 'unsafe-eval', no remote origins. maplibre needs blob: workers and data:/blob: images; React inline styles
 * need style-src 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
