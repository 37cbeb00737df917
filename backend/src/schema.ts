/** Every table, for drizzle-kit and the typed client. Modules add their `tables.ts` here. */
export * from './tables.ts';
export * from '../geo/tables.ts';
export * from '../access/tables.ts';
