import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ZAreaGeometry } from '@muster/contracts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { adminAreas } from './tables.ts';
import { parseDivisionCsv, seedDemoDistrict } from './seed.ts';

describe('seedDemoDistrict (PostgreSQL)', () => {
  let env: TestEnv;
  let database: Database;

  beforeAll(async () => {
    env = await createTestEnv();
    database = createDatabase(env.databaseUrl, { max: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await env?.cleanup();
  });

  it('seeds 北碚区 with its outline and its 17 subdistricts and towns', async () => {
    await expect(seedDemoDistrict(database.db)).resolves.toEqual({
      districtCode: '500109',
      areas: 18,
    });
    const rows = await database.db.select().from(adminAreas).orderBy(asc(adminAreas.code));
    expect(rows).toHaveLength(18);
    const [district, ...subs] = rows;
    expect(district).toMatchObject({
      code: '500109',
      name: '北碚区',
      nameEn: 'Beibei District',
      level: 'district',
      parentCode: null,
    });
    expect(ZAreaGeometry.safeParse(district?.boundary).success).toBe(true);
    // The centroid lies inside the district's bounding box (106.2–106.7 E, 29.6–30.1 N).
    expect(district?.centroidLon).toBeGreaterThan(106.2);
    expect(district?.centroidLon).toBeLessThan(106.7);
    expect(district?.centroidLat).toBeGreaterThan(29.6);
    expect(district?.centroidLat).toBeLessThan(30.1);
    expect(subs.every((s) => s.level === 'subdistrict' && s.parentCode === '500109')).toBe(true);
    expect(subs.find((s) => s.code === '500109001')).toMatchObject({
      name: '天生街道',
      nameEn: 'Tiansheng Subdistrict',
    });
    expect(subs.every((s) => s.nameEn !== null)).toBe(true);
  });

  it('is idempotent and restores a row that drifted', async () => {
    await database.db
      .update(adminAreas)
      .set({ name: '改过的名字', nameEn: null })
      .where(eq(adminAreas.code, '500109102'));
    await seedDemoDistrict(database.db);
    await seedDemoDistrict(database.db);
    const rows = await database.db.select().from(adminAreas);
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.code === '500109102')).toMatchObject({
      name: '澄江镇',
      nameEn: 'Chengjiang Town',
    });
  });
});

describe('parseDivisionCsv', () => {
  it('reads code,name rows and skips blank lines', () => {
    expect(parseDivisionCsv('code,name\r\n500109001,天生街道\r\n\r\n')).toEqual([
      { code: '500109001', name: '天生街道' },
    ]);
  });

  it('names the line that is not a division', () => {
    expect(() => parseDivisionCsv('code,name\n500109001,天生街道\n5001,短码\n')).toThrow(/line 3/);
    expect(() => parseDivisionCsv('name,code\n')).toThrow(/header/);
  });
});
