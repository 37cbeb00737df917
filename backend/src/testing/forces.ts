import { randomInt } from 'node:crypto';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  type TMemberRequest,
  type TTeamFilingRequest,
} from '@muster/contracts';

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A unique, valid unified social credit code (GB 32100-2015 check character). */
export function buildCreditCode(): string {
  let s = '52500109';
  while (s.length < 17) s += USCC_BODY[randomInt(USCC_BODY.length)];
  return s + creditCodeCheckChar(s)!;
}

/** A valid ID number (GB 11643 check character) of someone born in Beibei on the given day. */
const issuedIdNumbers = new Set<string>();

/**
 * A valid resident ID number, never the same twice in a process (a member registered twice is
 * refused): an adult's birth day drawn from 1970–1999 unless given, and a sequence number.
 */
export function buildIdNumber(birth?: string): string {
  for (;;) {
    const day = birth ?? randomBirthDay();
    const s = `500109${day}${String(randomInt(1000)).padStart(3, '0')}`;
    const id = s + idNumberCheckChar(s)!;
    if (!issuedIdNumbers.has(id)) {
      issuedIdNumbers.add(id);
      return id;
    }
  }
}

function randomBirthDay(): string {
  const d = new Date(Date.UTC(1970, 0, 1) + randomInt(30 * 365) * 86_400_000);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Replaces the check character of a valid code with a wrong one. */
export function breakCheck(code: string): string {
  const last = code.at(-1);
  return code.slice(0, -1) + (last === '1' ? '2' : '1');
}

export function buildMobile(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
}

/** A filing that passes validation, with unique identifiers; override any part. */
export function buildFiling(o: Partial<TTeamFilingRequest> = {}): TTeamFilingRequest {
  return {
    name: `北碚蓝天救援队-${randomInt(1_000_000)}`,
    kind: 'ngo_rescue',
    creditCode: buildCreditCode(),
    base: { lon: 106.437, lat: 29.825, address: '重庆市北碚区天生街道 1 号' },
    serviceArea: ['500109', '500109001'],
    leader: { name: '李队长', phone: buildMobile() },
    contacts: [{ name: '赵联络', phone: buildMobile(), role: '副队长' }],
    capabilities: ['water_rescue', 'first_aid'],
    equipment: [{ kind: '冲锋舟', count: 2 }],
    insurance: [
      {
        insurer: '人保财险',
        number: `P-${randomInt(1e9)}`,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    ],
    ...o,
  };
}

/** A member that passes validation; override any part. */
export function buildMember(o: Partial<TMemberRequest> = {}): TMemberRequest {
  return {
    name: '张队员',
    idNumber: buildIdNumber(),
    phone: buildMobile(),
    emergencyContact: { name: '张家属', phone: buildMobile() },
    skills: ['swimming'],
    certificates: [
      { name: '红十字救护员证', number: `RC-${randomInt(1e9)}`, expiresOn: '2027-06-30' },
    ],
    ...o,
  };
}
