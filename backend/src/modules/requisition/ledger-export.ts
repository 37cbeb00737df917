import { CLAIM_STATUS_LABELS, type TLedgerRow } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { toCsv, type Cell } from '../../platform/export/csv.ts';
import { toXlsx } from '../../platform/export/xlsx.ts';
import type { RequisitionDeps } from './deps.ts';
import { ledgerRows, requireLedgerReader, type LedgerQuery } from './ledger.ts';
import { projectLedgerRows } from './projection.ts';

/** Fen as exact yuan text (12345 → "123.45"), for reading; the fen columns are for sums. */
export function yuan(fen: number | null): string {
  if (fen === null) return '';
  const s = String(fen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const COLUMNS: [string, (r: TLedgerRow) => Cell][] = [
  ['补偿编号 Claim', (r) => r.claimId],
  ['类别 Kind', (r) => (r.kind === 'property' ? '征用补偿 property' : '调用补偿 call-up')],
  ['事件 Incident', (r) => r.incidentId],
  ['演练 Exercise', (r) => (r.exercise ? '是 yes' : '否 no')],
  ['凭证编号 Certificate', (r) => r.certificateNumber],
  ['状态 Status', (r) => `${CLAIM_STATUS_LABELS[r.status].zh} ${r.status}`],
  ['金额（分）Amount (fen)', (r) => r.amountFen],
  ['金额（元）Amount (yuan)', (r) => yuan(r.amountFen)],
  ['已付（分）Paid (fen)', (r) => r.paidFen],
  ['未付（分）Outstanding (fen)', (r) => r.outstandingFen],
  ['决定时间 Decided', (r) => r.decidedAt],
  ['被征用人类型 Owner kind', (r) => r.ownerKind],
  ['单位 Unit', (r) => r.unitName],
  ['姓名/联系人 Name', (r) => r.ownerName],
  ['电话 Phone', (r) => r.ownerPhone],
  ['证件号码 ID number', (r) => r.ownerIdNumber],
  ['队伍 Team', (r) => r.teamId],
  ['调用 Call-up', (r) => r.callupId],
];

/**
 * The ledger's claims as CSV or XLSX, each row through the same policy as REST for this viewer:
 * a department sees no owner, a duty officer masked ID numbers. Whole views of sensitive fields
 * and the export itself are audited.
 */
export async function exportLedger(
  d: RequisitionDeps,
  viewer: Viewer,
  q: LedgerQuery & { format: 'csv' | 'xlsx' },
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  requireLedgerReader(viewer);
  const { rows, views } = projectLedgerRows(viewer, await ledgerRows(d, q));
  await d.audit.append([
    ...views,
    {
      actor: viewer.accountId,
      action: 'requisition.ledger.exported',
      subjectType: 'ledger',
      ...(q.incidentId ? { subjectId: q.incidentId, purpose: q.incidentId } : {}),
      detail: { format: q.format, rows: rows.length, exercise: q.exercise },
    },
  ]);
  const header = COLUMNS.map(([h]) => h);
  const cells = rows.map((r) => COLUMNS.map(([, f]) => f(r)));
  const name = `requisition-ledger${q.incidentId ? `-${q.incidentId}` : ''}`;
  return q.format === 'csv'
    ? {
        body: Buffer.from(toCsv(header, cells), 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        filename: `${name}.csv`,
      }
    : {
        body: Buffer.from(toXlsx('征用补偿台账', header, cells)),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${name}.xlsx`,
      };
}
