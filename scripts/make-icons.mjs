#!/usr/bin/env node
// Draws the extension icon (a rounded tile with a "live signal" mark: a dot and two arcs) at
// 16, 48 and 128 px into public/icons/. The PNGs are committed; rerun after changing the design.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './lib/png.mjs';
import { root } from './lib/paths.mjs';

const sizes = [16, 48, 128];
const top = [0x1f, 0x6f, 0xeb];
const bottom = [0x82, 0x50, 0xdf];

/** Coverage of the shape at unit-square point (x, y): 0 outside, 1 background tile, 2 white mark. */
function shapeAt(x, y, size) {
  // Rounded tile.
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return 0;
  // The mark gets bolder at small sizes so it survives 16 px.
  const bold = size <= 16 ? 1.35 : 1;
  const cx = 0.3;
  const cy = 0.7;
  const d = Math.hypot(x - cx, y - cy);
  if (d <= 0.09 * bold) return 2;
  const inQuadrant = x >= cx - 0.01 && y <= cy + 0.01;
  const half = 0.045 * bold;
  const arcs = size <= 16 ? [0.36] : [0.3, 0.48];
  for (const radius of arcs) {
    if (inQuadrant && Math.abs(d - radius) <= half) return 2;
    // Round caps at both ends of each arc.
    if (Math.hypot(x - (cx + radius), y - cy) <= half || Math.hypot(x - cx, y - (cy - radius)) <= half) return 2;
  }
  return 1;
}

function drawIcon(size) {
  const ss = 4; // 4×4 supersampling for anti-aliased edges
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = shapeAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          if (s >= 1) tile++;
          if (s === 2) mark++;
        }
      }
      const t = py / Math.max(1, size - 1);
      const bg = top.map((c, i) => c + (bottom[i] - c) * t);
      const m = mark / Math.max(1, tile);
      const o = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(bg[i] * (1 - m) + 255 * m);
      rgba[o + 3] = Math.round((255 * tile) / (ss * ss));
    }
  }
  return encodePng(size, size, rgba);
}

const dir = join(root, 'public', 'icons');
mkdirSync(dir, { recursive: true });
for (const size of sizes) {
  const file = join(dir, `icon-${size}.png`);
  writeFileSync(file, drawIcon(size));
  process.stdout.write(`wrote ${file}\n`);
}
