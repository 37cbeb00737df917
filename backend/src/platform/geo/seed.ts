import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import {
  ZAreaFeatureCollection,
  ZDivisionRow,
  type TAreaGeometry,
  type TDivisionRow,
} from '@muster/contracts';
import type { Executor } from '../db/client.ts';
import { adminAreas } from './tables.ts';
import { centroidOf } from './centroid.ts';

/** The demo district: 北碚区, Chongqing, on the Jialing River (see `data/README.md`). */
export const DEMO_DISTRICT = { code: '500109', name: '北碚区', nameEn: 'Beibei District' } as const;

const DATA = new URL('./data/', import.meta.url);

/** Pinyin names of Beibei's subdistricts (街道) and towns (镇), by code; the files hold only Chinese. */
const NAMES_EN: Readonly<Record<string, string>> = {
  '500109001': 'Tiansheng Subdistrict',
  '500109002': 'Chaoyang Subdistrict',
  '500109003': 'Beiwenquan Subdistrict',
  '500109004': 'Dongyang Subdistrict',
  '500109005': 'Longfengqiao Subdistrict',
  '500109006': 'Caijiagang Subdistrict',
  '500109007': 'Xiema Subdistrict',
  '500109008': 'Shuitu Subdistrict',
  '500109009': 'Fuxing Subdistrict',
  '500109102': 'Chengjiang Town',
  '500109104': 'Tongjiaxi Town',
  '500109105': 'Tianfu Town',
  '500109108': 'Shijialiang Town',
  '500109110': 'Jingguan Town',
  '500109111': 'Liuyin Town',
  '500109113': 'Sansheng Town',
  '500109116': 'Jindaoxia Town',
};

export type AdminAreaRow = typeof adminAreas.$inferInsert;

/** Parses a `code,name` division list; throws naming the line that is wrong. */
export function parseDivisionCsv(text: string): TDivisionRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== 'code,name') {
    throw new Error(`division list: expected the header "code,name", got "${lines[0] ?? ''}"`);
  }
  const rows: TDivisionRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const [code, name, ...rest] = line.split(',');
    const parsed = ZDivisionRow.safeParse({ code, name });
    if (!parsed.success || rest.length > 0) {
      throw new Error(`division list line ${i + 2}: "${line}" is not "<GB/T 2260 code>,<name>"`);
    }
    rows.push(parsed.data);
  });
  return rows;
}

function centroidColumns(geometry: TAreaGeometry | null) {
  const c = geometry ? centroidOf(geometry) : undefined;
  return { centroidLon: c?.[0] ?? null, centroidLat: c?.[1] ?? null };
}

/**
 * The demo district and its subdistricts as rows, read from the files shipped in `data/`.
 * Subdistricts have no outline in the source data, so no boundary and no centroid.
 */
export async function demoDistrictAreas(): Promise<AdminAreaRow[]> {
  const [csv, geojson] = await Promise.all([
    readFile(new URL('beibei-streets.csv', DATA), 'utf8'),
    readFile(new URL('beibei-district.geojson', DATA), 'utf8'),
  ]);
  const outlines = ZAreaFeatureCollection.parse(JSON.parse(geojson));
  const feature = outlines.features.find((f) => f.properties.name === DEMO_DISTRICT.name);
  if (!feature)
    throw new Error(`beibei-district.geojson has no feature named ${DEMO_DISTRICT.name}`);
  const district: AdminAreaRow = {
    ...DEMO_DISTRICT,
    level: 'district',
    parentCode: null,
    boundary: feature.geometry,
    ...centroidColumns(feature.geometry),
  };
  const subdistricts = parseDivisionCsv(csv).map((row): AdminAreaRow => {
    if (!row.code.startsWith(DEMO_DISTRICT.code) || row.code.length !== 9) {
      throw new Error(`beibei-streets.csv: ${row.code} ${row.name} is not a subdistrict of 500109`);
    }
    return {
      code: row.code,
      name: row.name,
      nameEn: NAMES_EN[row.code] ?? null,
      level: 'subdistrict',
      parentCode: DEMO_DISTRICT.code,
      boundary: null,
      centroidLon: null,
      centroidLat: null,
    };
  });
  return [district, ...subdistricts];
}

/**
 * Upserts the demo district (北碚区) and its 17 subdistricts into `admin_areas`. Idempotent: a
 * second run rewrites the same rows, and corrects any that drifted from the shipped files.
 */
export async function seedDemoDistrict(
  db: Executor,
): Promise<{ districtCode: string; areas: number }> {
  const rows = await demoDistrictAreas();
  const upsert = (tx: Executor, values: AdminAreaRow[]) =>
    tx
      .insert(adminAreas)
      .values(values)
      .onConflictDoUpdate({
        target: adminAreas.code,
        set: {
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          boundary: sql`excluded.boundary`,
          centroidLon: sql`excluded.centroid_lon`,
          centroidLat: sql`excluded.centroid_lat`,
        },
      });
  await db.transaction(async (tx) => {
    // Parents before children: the parent_code foreign key checks each statement.
    await upsert(
      tx,
      rows.filter((r) => r.level === 'district'),
    );
    await upsert(
      tx,
      rows.filter((r) => r.level === 'subdistrict'),
    );
  });
  return { districtCode: DEMO_DISTRICT.code, areas: rows.length };
}
