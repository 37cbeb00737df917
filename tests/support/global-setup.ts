import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../backend/src/platform/db/migrate.ts';

import type {} from '../../backend/src/testing/env.ts';

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates a fresh template database once per run; test files clone it (CREATE DATABASE …
 * TEMPLATE), which is far faster than migrating each one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL;
  const natsUrl = process.env.NATS_URL;
  if (!adminUrl || !natsUrl) {
    throw new Error(
      'DATABASE_URL and NATS_URL must be set: run the tests with `npm test`, which provisions them.',
    );
  }
  const template = `muster_tpl_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  await runMigrations(withDatabase(adminUrl, template));
  await admin.end();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('natsUrl', natsUrl);
  return async () => {
    const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${template} with (force)`);
    // Databases of test files that crashed before their cleanup.
    const left = await a<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`muster_t_${process.pid}_%`}`;
    for (const d of left) await a.unsafe(`drop database if exists ${d.datname} with (force)`);
    await a.end();
  };
}
