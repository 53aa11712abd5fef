#!/usr/bin/env node
/**
 * Makes the app icons from build/icon.svg, offline: a system Chromium (playwright-core, as the CLI's PDF printer)
 * draws the SVG at each size, and the .ico and .icns containers are written here (both may hold PNG images).
 *
 *   build/icon.png    1024 x 1024 (Linux; electron-builder's source for anything it derives)
 *   build/icon.ico    16, 24, 32, 48, 64, 128, 256 (Windows)
 *   build/icon.icns   16 ... 1024, PNG-coded (macOS)
 *
 * Usage: node scripts/make-icons.mjs   (LAP_INSIGHT_CHROMIUM names the browser if it is not /usr/bin/chromium)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8');
const executablePath = process.env.LAP_INSIGHT_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, headless: true, args: ['--disable-gpu'] });
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
    pngs.set(size, await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

writeFileSync(path.join(root, 'build', 'icon.png'), pngs.get(1024));

// ICO: a 6-byte header, a 16-byte entry per image, then the PNG data (Windows Vista and later read PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, i) => {
  const data = pngs.get(size);
  const e = 6 + 16 * i;
  header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
  header.writeUInt8(size >= 256 ? 0 : size, e + 1);
  header.writeUInt8(0, e + 2); // no palette
  header.writeUInt8(0, e + 3);
  header.writeUInt16LE(1, e + 4); // colour planes
  header.writeUInt16LE(32, e + 6); // bits per pixel
  header.writeUInt32LE(data.length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += data.length;
});
writeFileSync(path.join(root, 'build', 'icon.ico'), Buffer.concat([header, ...icoSizes.map((s) => pngs.get(s))]));

// ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) per image.
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
const chunks = icnsTypes.map(([type, size]) => {
  const data = pngs.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const body = Buffer.concat(chunks);
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(body.length + 8, 4);
writeFileSync(path.join(root, 'build', 'icon.icns'), Buffer.concat([icnsHead, body]));
console.log('make-icons: wrote build/icon.png, build/icon.ico and build/icon.icns');
