/** The app's name and version (kept equal to package.json's version by a test). */
export const APP_NAME = 'LAP Insight';
export const APP_VERSION = '0.1.0';
