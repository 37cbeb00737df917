import { describe, expect, it } from 'vitest';
import { GCJ02_DATUM, WGS84_DATUM, gcj02ToWgs84, outsideChina, wgs84ToGcj02 } from './gcj02.ts';

describe('GCJ-02 at the map edge', () => {
  it('matches the published formula: the coordtransform example (Beijing)', () => {
    // README of the coordtransform library: wgs84togcj02(116.404, 39.915).
    const [lon, lat] = wgs84ToGcj02(116.404, 39.915);
    expect(lon).toBeCloseTo(116.41024449916938, 10);
    expect(lat).toBeCloseTo(39.91640428150164, 10);
  });

  it('shifts a Beibei point by a few hundred metres', () => {
    const [lon, lat] = wgs84ToGcj02(106.4372, 29.8256);
    const metres = Math.hypot((lon - 106.4372) * 96_500, (lat - 29.8256) * 111_000);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(700);
  });

  it('converts back to WGS-84 to under a centimetre', () => {
    for (const [lon, lat] of [
      [106.4372, 29.8256],
      [116.3975, 39.9087],
      [121.4737, 31.2304],
    ] as const) {
      const [gLon, gLat] = wgs84ToGcj02(lon, lat);
      const [bLon, bLat] = gcj02ToWgs84(gLon, gLat);
      expect(Math.abs(bLon - lon)).toBeLessThan(1e-7);
      expect(Math.abs(bLat - lat)).toBeLessThan(1e-7);
    }
  });

  it('leaves points outside China alone, and the WGS-84 datum changes nothing', () => {
    expect(outsideChina(-0.1276, 51.5072)).toBe(true);
    expect(wgs84ToGcj02(-0.1276, 51.5072)).toEqual([-0.1276, 51.5072]);
    expect(WGS84_DATUM.toMap(106.4, 29.8)).toEqual([106.4, 29.8]);
    const [lon, lat] = GCJ02_DATUM.fromMap(...GCJ02_DATUM.toMap(106.4, 29.8));
    expect(lon).toBeCloseTo(106.4, 7);
    expect(lat).toBeCloseTo(29.8, 7);
  });
});
