import QRCode from 'qrcode';
import { ITEM_KIND_LABELS, type TOrder } from '@muster/contracts';
import { mask } from '../../platform/access/policy.ts';
import { formatCode } from './certificate-number.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** An instant as the wall-clock time in China, 2026-07-10 14:30. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The QR code of a certificate number as inline SVG (no script, no remote resource). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, width: 120 });
}

const CSS = `
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC",serif;color:#111;margin:0;padding:0;font-size:12px}
h1{text-align:center;font-size:22px;letter-spacing:8px;margin:2px 0}
.en{color:#555;font-size:10px}.no{text-align:center;font-size:14px;margin:4px 0 10px}
.head{display:flex;justify-content:space-between;align-items:flex-start}
.drill{border:3px solid #c00;color:#c00;text-align:center;font-size:18px;font-weight:bold;padding:4px;margin-bottom:8px}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #333;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#f2f2f2;width:16%;font-weight:normal}.items th{width:auto}.items .n{width:5%}.items .k{width:10%}.items .q{width:9%}
.law{font-size:11px;margin:6px 0;line-height:1.5}
.sign{display:flex;justify-content:space-between;margin-top:20px;page-break-inside:avoid}.sign div{width:45%;line-height:2}
.code{font-family:monospace;font-size:15px;letter-spacing:2px}@page{size:A4}`;

/**
 * The requisition certificate (征用凭证) for the owner: the order as the viewer may see it (the ID
 * number is always printed masked, whoever prints), the items and their condition at hand-over,
 * the law, the verification code and a QR code of the number. Self-contained HTML: the printable
 * page and, printed by Chromium, the PDF.
 */
export async function renderCertificate(
  o: TOrder,
  verificationCode: string,
  issuer: string,
): Promise<string> {
  const number = o.certificateNumber ?? '';
  const owner = o.owner;
  const idShown = owner.idNumber ? String(mask('identity', owner.idNumber)) : '';
  const ownerName =
    owner.kind === 'unit' ? (owner.unitName ?? '') : (owner.name ?? '（按权限不显示）');
  const rows = o.items
    .map(
      (i) =>
        `<tr><td>${i.seq}</td><td>${esc(ITEM_KIND_LABELS[i.kind].zh)}</td><td>${esc(i.description)}</td>` +
        `<td>${esc(i.identification)}</td><td>${esc(i.quantity)} ${esc(i.unit)}</td><td>${esc(i.handoverCondition ?? i.conditionAtHandover)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(number)}</title><style>${CSS}</style></head><body>
${o.exercise ? '<div class="drill">演练 EXERCISE — 非真实征用，不产生补偿义务 / not a real requisition</div>' : ''}
<div class="head"><div><div>${esc(issuer)}</div><div class="en">Issuing authority</div></div>${await qrSvg(number)}</div>
<h1>应急征用凭证</h1><div class="en" style="text-align:center">Emergency Requisition Certificate</div>
<div class="no">${esc(number)}</div>
<table>
<tr><th>被征用人<div class="en">Owner</div></th><td>${esc(ownerName)}${owner.kind === 'unit' && owner.creditCode ? `（统一社会信用代码 ${esc(owner.creditCode)}）` : ''}</td></tr>
${owner.kind === 'unit' && owner.name ? `<tr><th>联系人<div class="en">Contact</div></th><td>${esc(owner.name)} ${esc(owner.phone ?? '')}</td></tr>` : ''}
${owner.kind === 'person' ? `<tr><th>证件号码<div class="en">ID number</div></th><td>${esc(idShown)}</td></tr><tr><th>联系电话<div class="en">Phone</div></th><td>${esc(owner.phone ?? '')}</td></tr>` : ''}
<tr><th>征用单位<div class="en">Requisitioning unit</div></th><td>${esc(o.requestingUnit)}</td></tr>
<tr><th>征用事由<div class="en">Purpose</div></th><td>${esc(o.purpose)}</td></tr>
<tr><th>法律依据<div class="en">Legal basis</div></th><td>${esc(o.legalBasis)}</td></tr>
<tr><th>使用地点<div class="en">Place of use</div></th><td>${esc(o.place.address)}</td></tr>
<tr><th>预计期限<div class="en">Expected period</div></th><td>${chinaTime(o.expectedPeriod.from)} 至 ${chinaTime(o.expectedPeriod.until)}（北京时间）</td></tr>
<tr><th>批准时间<div class="en">Approved</div></th><td>${o.decidedAt ? chinaTime(o.decidedAt) : ''}</td></tr>
</table>
<table class="items"><tr><th class="n">序号</th><th class="k">类别</th><th>名称及规格</th><th>识别号（号牌/船号/编号）</th><th class="q">数量</th><th>交付时状况</th></tr>${rows}</table>
<div class="law">依据《中华人民共和国突发事件应对法》第十二条：被征用的财产在使用完毕或者突发事件应急处置工作结束后，应当及时返还。财产被征用或者征用后毁损、灭失的，应当给予公平、合理的补偿。<br>
<span class="en">Emergency Response Law art. 12: requisitioned property is returned promptly when its use ends or the emergency response ends; property requisitioned, or damaged or lost after requisition, is compensated fairly and reasonably.</span></div>
<div class="law">进展查询与异议：凭本凭证编号及查验码 <span class="code">${esc(formatCode(verificationCode))}</span> 可查询返还、补偿进展并提出异议，无需登录；请妥善保管，勿交他人。<br>
<span class="en">Follow the return and compensation, and object, with this number and the verification code; keep the code to yourself.</span></div>
<div class="sign"><div>征用单位（盖章）<span class="en"> Requisitioning authority (seal)</span><br>日期 Date：</div><div>被征用人（签字）<span class="en"> Owner (signature)</span><br>日期 Date：</div></div>
</body></html>`;
}
