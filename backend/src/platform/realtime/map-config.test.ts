import { describe, expect, it } from 'vitest';
import { ZBackendConfig, ZMapConfig } from '@muster/contracts';
import { mapConfigOf } from './map-config.ts';

const base = {
  DATABASE_URL: 'postgres://x@127.0.0.1/x',
  NATS_URL: 'nats://127.0.0.1:4222',
  DATA_KEYS: `k:${'A'.repeat(43)}=`,
  DATA_KEY_ACTIVE: 'k',
  HMAC_KEY: `${'B'.repeat(43)}=`,
};

describe('the basemap setting', () => {
  it('serves no tiles by default: the offline basemap', () => {
    const c = ZBackendConfig.parse(base);
    expect(ZMapConfig.parse(mapConfigOf(c))).toEqual({ tiles: null });
  });

  it('serves a tile source with its datum', () => {
    const c = ZBackendConfig.parse({
      ...base,
      MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      MAP_TILE_SUBDOMAINS: 'abc',
      MAP_TILE_COORDS: 'gcj02',
      MAP_TILE_ATTRIBUTION: '© Example',
    });
    expect(mapConfigOf(c).tiles).toEqual({
      url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      attribution: '© Example',
      coords: 'gcj02',
      subdomains: 'abc',
      maxZoom: 18,
    });
  });

  it('refuses a tile URL without its placeholders, naming the setting', () => {
    const r = ZBackendConfig.safeParse({
      ...base,
      MAP_TILE_URL: 'https://tiles.example.org/map.png',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['MAP_TILE_URL']);
    expect(ZBackendConfig.safeParse({ ...base, MAP_TILE_COORDS: 'bd09' }).success).toBe(false);
  });
});
