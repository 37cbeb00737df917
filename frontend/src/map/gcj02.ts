/*
 * GCJ-02 (国测局坐标, "Mars coordinates") is the datum Chinese basemaps (高德, 腾讯, 天地图's GCJ
 * layers) are drawn in, offset from WGS-84 by a few hundred metres by a published obfuscation
 * formula. Muster stores and sends WGS-84 only; when the tiles are GCJ-02 the map converts at
 * its edge: WGS-84 → GCJ-02 when drawing, GCJ-02 → WGS-84 for a point the user picks.
 * Outside mainland China the two datums coincide and nothing is shifted.
 */

const A = 6378245.0;
const EE = 0.006693421622965943;

/** Whether a point lies in the rough box where GCJ-02 applies (the formula's own convention). */
export function outsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02, `[lon, lat]`. */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  if (outsideChina(lon, lat)) return [lon, lat];
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (transformLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon =
    (transformLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 → WGS-84, `[lon, lat]`, by fixed-point iteration on the forward formula (to well under a
 * centimetre after a few rounds; the one-step inverse is off by metres).
 */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (outsideChina(lon, lat)) return [lon, lat];
  let [wLon, wLat] = [lon, lat];
  for (let i = 0; i < 10; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const [eLon, eLat] = [gLon - lon, gLat - lat];
    wLon -= eLon;
    wLat -= eLat;
    if (Math.abs(eLon) < 1e-9 && Math.abs(eLat) < 1e-9) break;
  }
  return [wLon, wLat];
}

/** How the map turns a stored WGS-84 point into the tiles' datum and back. */
export interface MapDatum {
  toMap(lon: number, lat: number): [number, number];
  fromMap(lon: number, lat: number): [number, number];
}

export const WGS84_DATUM: MapDatum = {
  toMap: (lon, lat) => [lon, lat],
  fromMap: (lon, lat) => [lon, lat],
};
export const GCJ02_DATUM: MapDatum = { toMap: wgs84ToGcj02, fromMap: gcj02ToWgs84 };
