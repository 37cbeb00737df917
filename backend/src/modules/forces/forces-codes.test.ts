import { describe, expect, it } from 'vitest';
import {
  buildOpenApiDocument,
  forcesRegistryRoutes,
  forcesRoutes,
  ZCreditCode,
  ZIdNumber,
  ZMemberRequest,
  ZMobile,
  insuranceIssues,
  personalFieldNames,
} from '@muster/contracts';

describe('forces codes (small)', () => {
  it('accepts published examples and refuses a wrong check character', () => {
    // GB 11643 example from the standard's appendix; a well-known valid credit code.
    expect(ZIdNumber.safeParse('11010519491231002X').success).toBe(true);
    expect(ZIdNumber.safeParse('11010519491231002x').success).toBe(true);
    expect(ZIdNumber.safeParse('110105194912310021').success).toBe(false);
    expect(ZCreditCode.safeParse('91350100M000100Y43').success).toBe(true);
    expect(ZCreditCode.safeParse('91350100M000100Y44').success).toBe(false);
    expect(ZCreditCode.safeParse('91350100M000100Y4').success).toBe(false);
    expect(ZMobile.safeParse('13812345678').success).toBe(true);
    expect(ZMobile.safeParse('12812345678').success).toBe(false);
  });

  it('finds reversed and overlapping insurance, but not for different members', () => {
    const a = '00000000-0000-4000-8000-000000000001';
    const b = '00000000-0000-4000-8000-000000000002';
    const p = (from: string, to: string, ids?: string[]) => ({
      insurer: 'x',
      number: 'n',
      validFrom: from,
      validTo: to,
      ...(ids ? { insuredMemberIds: ids } : {}),
    });
    expect(insuranceIssues([p('2026-02-01', '2026-01-01')])[0]?.path).toEqual([0, 'validTo']);
    expect(
      insuranceIssues([p('2026-01-01', '2026-12-31'), p('2026-06-01', '2027-05-31')])[0]?.path,
    ).toEqual([1, 'validFrom']);
    expect(
      insuranceIssues([p('2026-01-01', '2026-06-30', [a]), p('2026-03-01', '2026-12-31', [b])]),
    ).toEqual([]);
    expect(insuranceIssues([p('2026-01-01', '2026-06-30'), p('2026-06-30', '2026-12-31')])).toEqual(
      [],
    );
  });

  it('classifies every personal field of a member', () => {
    const names = personalFieldNames([ZMemberRequest]);
    for (const f of ['name', 'idNumber', 'phone', 'emergencyContact', 'number', 'healthNotes'])
      expect(names).toContain(f);
    expect(names).not.toContain('skills');
  });

  it('the registry routes make an OpenAPI document', () => {
    const doc = buildOpenApiDocument(Object.values(forcesRoutes), 'test') as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/forces/teams/{id}/members');
  });

  it('the routes after filing make an OpenAPI document, CSV exports as text/csv', () => {
    const doc = buildOpenApiDocument(Object.values(forcesRegistryRoutes), 'test') as {
      paths: Record<string, Record<string, { responses: Record<string, { content: object }> }>>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/forces/teams/search');
    const csv = doc.paths['/api/forces/teams/search/export']?.post?.responses['200']?.content;
    expect(Object.keys(csv ?? {})).toEqual(['text/csv']);
  });
});
