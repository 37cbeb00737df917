/**
 * Every table, for drizzle-kit (migrations and the drift check). It sits beside the composition
 * root because it lists the platform's and every module's `tables.ts`; modules add theirs here.
 */
export * from './platform/db/tables.ts';
export * from './platform/geo/tables.ts';
export * from './platform/access/tables.ts';
export * from './modules/forces/tables.ts';
export * from './modules/monitoring/tables.ts';
export * from './modules/requisition/tables.ts';
export * from './modules/response/tables.ts';
export * from './modules/drills/tables.ts';
