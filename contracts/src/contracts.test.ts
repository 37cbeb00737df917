import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  ERROR_CODES,
  EVENT_SOURCES,
  ZDay,
  ZEventEnvelope,
  ZInstant,
  buildOpenApiDocument,
  errorCatalog,
  eventSchemas,
  fieldIssues,
  personal,
  personalFieldNames,
  sourceOf,
  subjectFor,
  systemRoutes,
  typeOfSubject,
} from './index.ts';

describe('event registry and subjects', () => {
  it('names every type <context>.<entity>.<verb> with a known module as context', () => {
    for (const type of Object.keys(eventSchemas)) {
      expect(type.split('.')).toHaveLength(3);
      expect(EVENT_SOURCES).toContain(sourceOf(type));
    }
  });

  it('builds subjects under a namespace and reads them back', () => {
    expect(subjectFor('muster', 'system.probe.sent')).toBe('muster.system.probe.sent');
    expect(typeOfSubject('muster', 'muster.system.probe.sent')).toBe('system.probe.sent');
    expect(typeOfSubject('muster', 'other.system.probe.sent')).toBeUndefined();
    expect(() => subjectFor('muster', 'Not A Type')).toThrow();
  });
});

describe('envelope', () => {
  const good = {
    id: '01939a4e-7b2c-7d3e-8f40-123456789abc',
    type: 'system.probe.sent',
    version: 1,
    occurredAt: '2026-07-01T08:00:00+08:00',
    source: 'system',
    actor: 'system',
    exercise: false,
    correlationId: '01939a4e-7b2c-7d3e-8f40-123456789abc',
    data: { seq: 1, sentAt: '2026-07-01T00:00:00Z' },
  };

  it('accepts a well-formed envelope', () => {
    expect(ZEventEnvelope.parse(good)).toMatchObject({ type: 'system.probe.sent' });
  });

  it.each([
    ['a UUIDv4 id', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }, 'id'],
    ['an instant without offset', { occurredAt: '2026-07-01 08:00' }, 'occurredAt'],
    ['an unknown source', { source: 'weather' }, 'source'],
    ['a missing exercise flag', { exercise: undefined }, 'exercise'],
    ['a malformed type', { type: 'system.probe' }, 'type'],
  ])('refuses %s naming the field', (_what, patch, field) => {
    const r = ZEventEnvelope.safeParse({ ...good, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});

describe('errors', () => {
  it('has a status and both languages for every code, Chinese written in Chinese', () => {
    for (const code of ERROR_CODES) {
      const spec = errorCatalog[code];
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.en).toMatch(/[A-Za-z]/);
    }
  });

  it('maps an AppError code to its status and fills the detail in both messages', () => {
    const e = new AppError('resource.not_found', 'warning 42');
    expect(e.status).toBe(404);
    expect(e.message).toContain('warning 42');
  });

  it('names nested field paths with where they came from', () => {
    const r = z
      .object({ area: z.object({ coordinates: z.array(z.number()) }) })
      .safeParse({ area: { coordinates: [1, 'x'] } });
    expect(fieldIssues(r.error!.issues, 'body').map((i) => i.path)).toEqual([
      'body.area.coordinates.1',
    ]);
  });
});

describe('personal information classes', () => {
  it('finds classified keys at any depth for log redaction', () => {
    const member = z.object({
      name: personal(z.string(), 'contact'),
      phone: personal(z.string(), 'contact'),
      idNumber: personal(z.string(), 'identity'),
      skills: z.array(z.string()),
      emergencyContacts: z.array(z.object({ mobile: personal(z.string(), 'contact') })).optional(),
    });
    expect([...personalFieldNames([z.object({ members: z.array(member) })])].sort()).toEqual([
      'idNumber',
      'mobile',
      'name',
      'phone',
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its request schema and the error format', () => {
    const doc = buildOpenApiDocument(Object.values(systemRoutes), 'test') as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const probe = doc.paths['/api/system/probes']?.post;
    expect(probe?.requestBody).toBeDefined();
    expect(probe?.responses['400']).toBeDefined();
    expect(JSON.stringify(doc)).toContain('#/components/schemas/ErrorResponse');
  });
});

describe('instants and days', () => {
  it('take what PostgreSQL stores as written and refuse the rest', () => {
    for (const ok of ['2026-11-30T08:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'])
      expect(ZInstant.safeParse(ok).success, ok).toBe(true);
    // Year 0 (none in PostgreSQL), a UTC year 0 through the offset, past year 9999 UTC.
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
      '9999-12-31T23:00:00-01:00',
      '2026-11-30',
    ])
      expect(ZInstant.safeParse(bad).success, bad).toBe(false);
    expect(ZDay.safeParse('0001-01-01').success).toBe(true);
    expect(ZDay.safeParse('0000-12-31').success).toBe(false);
    expect(ZDay.safeParse('2026-02-30').success).toBe(false);
  });
});
