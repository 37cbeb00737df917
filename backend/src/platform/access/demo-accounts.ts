import type { Role } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { insertAccount } from './accounts.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { PasswordHasher } from './passwords.ts';

/**
 * The password of every demo account. Demo only: it is printed at start-up, so an installation
 * holding real data must never have these accounts (the seed refuses to make them in production).
 */
export const DEMO_PASSWORD = 'beibei-demo-2025';

interface DemoAccountSpec {
  role: Role;
  username: string;
  displayName: string;
  /** Made up, in the style of the textbook example number 13800138000. */
  phone: string;
  departmentId?: string;
}

/** One demo sign-in per role, people of the Beibei emergency office and its partners. */
export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { role: 'admin', username: 'demo-admin', displayName: '王建国', phone: '13800138001' },
  { role: 'duty_officer', username: 'demo-duty', displayName: '李晓燕', phone: '13800138002' },
  { role: 'commander', username: 'demo-commander', displayName: '张卫东', phone: '13800138003' },
  { role: 'team_leader', username: 'demo-leader', displayName: '陈志刚', phone: '13800138004' },
  { role: 'team_member', username: 'demo-member', displayName: '刘洋', phone: '13800138005' },
  {
    role: 'department',
    username: 'demo-water',
    displayName: '赵敏',
    phone: '13800138006',
    departmentId: 'beibei-water-bureau',
  },
  { role: 'observer', username: 'demo-observer', displayName: '孙丽', phone: '13800138007' },
];

export interface DemoSignIn {
  role: Role;
  username: string;
  password: string;
}

/**
 * Creates the demo accounts that are missing (idempotent: existing ones are left as they are,
 * a changed password included) and returns the sign-ins to print.
 */
export async function seedDemoAccounts(d: {
  db: Db;
  clock: Clock;
  audit: AuditWriter;
  passwords: PasswordHasher;
}): Promise<DemoSignIn[]> {
  const passwordHash = await d.passwords.hash(DEMO_PASSWORD);
  await d.db.transaction(async (tx) => {
    for (const spec of DEMO_ACCOUNTS) {
      const row = await insertAccount(tx, {
        ...spec,
        status: 'active',
        passwordHash,
        at: d.clock.now(),
      });
      if (!row) continue;
      await d.audit.append(
        {
          actor: 'system',
          action: 'account.created',
          subjectType: 'account',
          subjectId: row.id,
          detail: { role: spec.role, demo: true },
        },
        tx,
      );
    }
  });
  return DEMO_ACCOUNTS.map((a) => ({
    role: a.role,
    username: a.username,
    password: DEMO_PASSWORD,
  }));
}
