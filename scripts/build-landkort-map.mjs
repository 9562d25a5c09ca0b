// Builds lib/landkort/geo/map.json, the SVG paths of Det Digitale Landkort, from the DAGI TopoJSON
// beside it (lib/landkort/geo/SOURCE.md). Run after changing the projection or the source:
//   node scripts/build-landkort-map.mjs
// The page reads the committed JSON, so nothing is projected per request.
import fs from "node:fs";
import path from "node:path";

const DIR = path.resolve(import.meta.dirname, "../lib/landkort/geo");
const topology = JSON.parse(fs.readFileSync(path.join(DIR, "kommuner.topojson"), "utf8"));

// An equirectangular projection with longitudes shortened by cos(56°), Denmark's middle latitude:
// at this size it is indistinguishable from a conformal projection and needs no library.
const WIDTH = 640;
const LON0 = 8.0;
const LAT_MAX = 57.8;
const COS = Math.cos((56 * Math.PI) / 180);
const K = WIDTH / ((13.3 - LON0) * COS);
const project = ([lon, lat]) => [(lon - LON0) * COS * K, (LAT_MAX - lat) * K];
const HEIGHT = Math.round((LAT_MAX - 54.5) * K);
// Bornholm (400) is drawn in a framed inset north of Sjælland, as on most maps of Denmark.
const BORNHOLM = 400;
const BORNHOLM_SHIFT = [-2.35 * COS * K, -1.95 * K];
/** Points closer than this (in SVG units) to the last one kept are dropped: the map is drawn ~640 px wide. */
const TOLERANCE = 1.4;

const { scale, translate } = topology.transform;
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  const points = arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return project([x * scale[0] + translate[0], y * scale[1] + translate[1]]);
  });
  // Simplified per arc, so the two municipalities on either side of a border get the same line.
  const kept = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const [lx, ly] = kept[kept.length - 1];
    if (Math.hypot(points[i][0] - lx, points[i][1] - ly) >= TOLERANCE) kept.push(points[i]);
  }
  if (points.length > 1) kept.push(points[points.length - 1]);
  return kept;
});

function ring(indexes) {
  const out = [];
  for (const index of indexes) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    out.push(...(out.length ? arc.slice(1) : arc));
  }
  return out;
}

const fmt = (n) => String(Math.round(n * 10) / 10);
const byNumber = new Map();
for (const geometry of topology.objects.stdin.geometries) {
  const number = Number(geometry.properties.KOMKODE);
  if (number === 411) continue; // Christiansø: not a municipality.
  const entry = byNumber.get(number) ?? { number, name: geometry.properties.KOMNAVN, rings: [] };
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
  for (const polygon of polygons) {
    for (const indexes of polygon) {
      let points = ring(indexes);
      if (number === BORNHOLM) points = points.map(([x, y]) => [x + BORNHOLM_SHIFT[0], y + BORNHOLM_SHIFT[1]]);
      // Tiny islets vanish at this size; keep a ring only if it spans at least a unit.
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      if (Math.max(...xs) - Math.min(...xs) < 1.2 && Math.max(...ys) - Math.min(...ys) < 1.2) continue;
      entry.rings.push(points);
    }
  }
  byNumber.set(number, entry);
}

const municipalities = [...byNumber.values()]
  .sort((a, b) => a.number - b.number)
  .map(({ number, name, rings }) => ({
    number,
    name,
    d: rings.map((points) => `M${points.map(([x, y]) => `${fmt(x)} ${fmt(y)}`).join("L")}Z`).join(""),
  }));
const bornholm = byNumber.get(BORNHOLM).rings.flat();
const pad = 8;
const inset = {
  x: Math.floor(Math.min(...bornholm.map((p) => p[0])) - pad),
  y: Math.floor(Math.min(...bornholm.map((p) => p[1])) - pad),
};
inset.width = Math.ceil(Math.max(...bornholm.map((p) => p[0])) + pad - inset.x);
inset.height = Math.ceil(Math.max(...bornholm.map((p) => p[1])) + pad - inset.y);

if (municipalities.length !== 98) throw new Error(`Expected 98 municipalities, got ${municipalities.length}`);
fs.writeFileSync(path.join(DIR, "map.json"), `${JSON.stringify({ width: WIDTH, height: HEIGHT, inset, municipalities })}\n`);
console.log(`map.json: ${municipalities.length} municipalities, ${fs.statSync(path.join(DIR, "map.json")).size} bytes`);
