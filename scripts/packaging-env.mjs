/**
 * What `npm run dist` takes from the environment at packaging time, as electron-builder `-c.` overrides and
 * environment changes. Pure (tested in tests/unit/packaging.test.ts); scripts/dist.mjs applies it.
 *
 *   LAP_INSIGHT_MAINTAINER   the Linux package's maintainer, "Name <address>". No project address is known yet, so
 *                            without it the package says "LAP Insight maintainers" (no made-up address).
 *   LAP_INSIGHT_HOMEPAGE     the project's web page (the .deb needs one; otherwise taken from a GitHub git remote).
 *   CSC_LINK, CSC_KEY_PASSWORD          code-signing certificate (.p12/.pfx, a path or base64) for macOS and Windows;
 *   WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD  a separate Windows certificate (electron-builder reads these itself).
 *   APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER       notarisation with an App Store Connect API key, or
 *   APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID    with an Apple ID (electron-builder reads these itself).
 *
 * Absent certificates: signing is skipped (CSC_IDENTITY_AUTO_DISCOVERY=false, so no stray keychain identity is
 * used either) and the package is unsigned. Absent notarisation credentials: notarisation is skipped.
 */
export const DEFAULT_MAINTAINER = 'LAP Insight maintainers';

const has = (env, ...names) => names.every((n) => typeof env[n] === 'string' && env[n].trim() !== '');

/**
 * @param {Record<string, string | undefined>} env
 * @param {NodeJS.Platform} platform the platform being packaged on
 * @returns {{ args: string[]; env: Record<string, string>; notes: string[] }}
 */
export function packagingOverrides(env, platform) {
  const args = [];
  const extraEnv = {};
  const notes = [];

  if (platform === 'linux') {
    // Only on Linux: the Windows shell would split a value with spaces, and only Linux packages carry it.
    const maintainer = env.LAP_INSIGHT_MAINTAINER?.trim() || DEFAULT_MAINTAINER;
    args.push(`-c.linux.maintainer=${maintainer}`);
    if (!env.LAP_INSIGHT_MAINTAINER?.trim()) notes.push(`Linux maintainer: "${DEFAULT_MAINTAINER}" (set LAP_INSIGHT_MAINTAINER to "Name <address>").`);
  }
  if (env.LAP_INSIGHT_HOMEPAGE?.trim()) args.push(`-c.extraMetadata.homepage=${env.LAP_INSIGHT_HOMEPAGE.trim()}`);

  const certificate = platform === 'win32' ? has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK') : platform === 'darwin' ? has(env, 'CSC_LINK') : false;
  if (platform === 'win32' || platform === 'darwin') {
    if (certificate) notes.push('Code signing: with the certificate in CSC_LINK' + (platform === 'win32' && has(env, 'WIN_CSC_LINK') ? ' (WIN_CSC_LINK)' : '') + '.');
    else {
      extraEnv.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
      notes.push('Code signing: skipped, no certificate (CSC_LINK) is set; the package is unsigned.');
    }
  }
  if (platform === 'darwin') {
    const notarise = certificate && (has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') || has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'));
    if (!notarise) {
      args.push('-c.mac.notarize=false');
      notes.push('Notarisation: skipped (needs a certificate and APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER or APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID).');
    } else notes.push('Notarisation: on.');
  }
  return { args, env: extraEnv, notes };
}
