// Writes Spor's PNG icons and favicon.ico from app/icon.svg (a tally mark on Spor's blue). The
// results are committed; run this after changing the SVG: `node scripts/icons.mjs`. Uses sharp, which
// Next.js installs for image optimisation; nothing is downloaded.
import fs from "node:fs";
import sharp from "sharp";

const svg = fs.readFileSync("app/icon.svg");
// The maskable icon fills the whole square (the launcher cuts its own shape) and keeps the mark
// inside the central safe zone.
const maskable = Buffer.from(
  svg.toString().replace('rx="12"', 'rx="0"').replace("<g stroke", '<g transform="translate(6.4 6.4) scale(0.8)" stroke'),
);

const png = (source, size) =>
  sharp(source, { density: 72 * (size / 64) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

fs.mkdirSync("public/icons", { recursive: true });
fs.writeFileSync("public/icons/icon-192.png", await png(svg, 192));
fs.writeFileSync("public/icons/icon-512.png", await png(svg, 512));
fs.writeFileSync("public/icons/maskable-512.png", await png(maskable, 512));
fs.writeFileSync("app/apple-icon.png", await png(maskable, 180));

// favicon.ico: one 32×32 PNG inside an ICO container (every current browser reads PNG-in-ICO).
const ico32 = await png(svg, 32);
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // icon
header.writeUInt16LE(1, 4); // one image
const entry = Buffer.alloc(16);
entry.writeUInt8(32, 0);
entry.writeUInt8(32, 1);
entry.writeUInt8(0, 2);
entry.writeUInt8(0, 3);
entry.writeUInt16LE(1, 4); // colour planes
entry.writeUInt16LE(32, 6); // bits per pixel
entry.writeUInt32LE(ico32.length, 8);
entry.writeUInt32LE(header.length + entry.length, 12);
fs.writeFileSync("app/favicon.ico", Buffer.concat([header, entry, ico32]));
console.log("icons written");
