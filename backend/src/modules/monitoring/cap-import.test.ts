import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPublicWarning, TWarning } from '@muster/contracts';
import { errorCode } from '../../testing/http.ts';
import { startMonitoringWorld, type MonitoringWorld } from '../../testing/monitoring-world.ts';
import { buildWarning } from '../../testing/monitoring.ts';

const IMPORT = '/api/monitoring/cap/import';
const SENDER = 'qxj.cq.gov.cn';

function upstream(
  id: string,
  o: { msgType?: string; status?: string; refs?: string; level?: string } = {},
) {
  const t = new Date().toISOString().slice(0, 19);
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${id}</identifier><sender>${SENDER}</sender><sent>${t}+08:00</sent>
  <status>${o.status ?? 'Actual'}</status><msgType>${o.msgType ?? 'Alert'}</msgType><scope>Public</scope>
  ${o.refs ? `<references>${o.refs}</references>` : ''}
  <info><language>zh-CN</language><category>Met</category><event>暴雨预警</event>
    <urgency>Expected</urgency><severity>${o.level === '橙' ? 'Severe' : 'Moderate'}</severity><certainty>Likely</certainty>
    <senderName>重庆市气象台</senderName><headline>重庆市暴雨黄色预警 &amp; 提示</headline>
    <description>未来6小时降雨50毫米以上</description>
    <parameter><valueName>预警级别</valueName><value>${o.level ?? '黄'}</value></parameter>
    <area><areaDesc>北碚区</areaDesc><polygon>29.8,106.4 29.8,106.5 29.9,106.5 29.8,106.4</polygon>
      <geocode><valueName>GB/T 2260</valueName><value>500109</value></geocode></area>
  </info>
</alert>`;
}

describe('CAP import and the public feeds', () => {
  let w: MonitoringWorld;
  beforeAll(async () => {
    w = await startMonitoringWorld({ a: { role: 'duty_officer' }, b: { role: 'duty_officer' } });
  });
  afterAll(async () => {
    await w?.stop();
  });
  const imp = (xml: string) => w.as('a', 'POST', IMPORT, { xml });

  it('imports an upstream alert as an external warning, then its update and cancel', async () => {
    const raw = await fetch(`${w.base}${IMPORT}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/cap+xml',
        authorization: `Bearer ${w.bearer('a')}`,
      },
      body: upstream('QX-1'),
    });
    const first = (await raw.json()) as { warningId: string; duplicate: boolean };
    expect(raw.status).toBe(200);
    expect(first.duplicate).toBe(false);
    const g = (await w.as('a', 'GET', `/api/monitoring/warnings/${first.warningId}`))
      .body as TWarning;
    expect(g).toMatchObject({
      origin: 'external',
      status: 'issued',
      level: 'yellow',
      category: 'rainstorm',
      headline: '重庆市暴雨黄色预警 & 提示',
      senderName: '重庆市气象台',
    });
    expect(g.area!.polygons[0]!.coordinates[0][0]).toEqual([106.4, 29.8]);
    expect(((await imp(upstream('QX-1'))).body as { duplicate: boolean }).duplicate).toBe(true);
    const ref = (id: string) => `${SENDER},${id},${new Date().toISOString().slice(0, 19)}+08:00`;
    const orphan = await imp(
      upstream('QX-9', { msgType: 'Update', refs: ref('QX-404'), level: '橙' }),
    );
    expect(errorCode(orphan)).toBe('monitoring.cap_unknown_reference');
    await imp(upstream('QX-2', { msgType: 'Update', refs: ref('QX-1'), level: '橙' }));
    expect(
      ((await w.as('a', 'GET', `/api/monitoring/warnings/${first.warningId}`)).body as TWarning)
        .level,
    ).toBe('orange');
    const pub = (await w.as('public', 'GET', '/api/public/warnings')).body as {
      items: TPublicWarning[];
    };
    expect(pub.items.find((p) => p.id === first.warningId)).toMatchObject({
      origin: 'external',
      level: 'orange',
    });
    await imp(upstream('QX-3', { msgType: 'Cancel', refs: `${ref('QX-1')} ${ref('QX-2')}` }));
    expect(
      ((await w.as('a', 'GET', `/api/monitoring/warnings/${first.warningId}`)).body as TWarning)
        .status,
    ).toBe('lifted');
  });

  it('refuses malformed, oversized, entity-laden, too deep and invalid documents with clear errors', async () => {
    expect(
      errorCode(
        await imp('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>'),
      ),
    ).toBe('monitoring.cap_malformed');
    const big = upstream('QX-BIG').replace('<description>', `<description>${'雨'.repeat(100_000)}`);
    const tooBig = await imp(big);
    expect(tooBig.status).toBe(413);
    expect(errorCode(tooBig)).toBe('monitoring.cap_too_large');
    const xxe = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>${upstream(
      'QX-X',
    )
      .replace(/^<\?xml[^>]*>/, '')
      .replace('<description>', '<description>&x;')}`;
    const refused = await imp(xxe);
    expect(errorCode(refused)).toBe('monitoring.cap_entities');
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/DOCTYPE/);
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert>&lol2;</alert>`;
    expect(errorCode(await imp(laughs))).toBe('monitoring.cap_entities');
    const deep = upstream('QX-D').replace(
      '<description>',
      `<description>${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
    );
    expect(errorCode(await imp(deep))).toBe('monitoring.cap_too_deep');
    const bad = await imp(upstream('QX-B').replace('<urgency>Expected', '<urgency>Soon'));
    expect(errorCode(bad)).toBe('monitoring.cap_invalid');
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/urgency/);
    const swapped = await imp(
      upstream('QX-S').replace(
        '29.8,106.4 29.8,106.5 29.9,106.5 29.8,106.4',
        '106.4,29.8 106.5,29.8 106.5,29.9 106.4,29.8',
      ),
    );
    expect((swapped.body as { error: { message: string } }).error.message).toMatch(/lat,lon/);
    expect(errorCode(await imp(upstream('QX-T', { status: 'Test' })))).toBe(
      'monitoring.cap_invalid',
    );
    expect(errorCode(await w.as('public', 'POST', IMPORT, { xml: upstream('QX-P') }))).toBe(
      'auth.required',
    );
  });

  it('never shows an exercise on the public page or feed; the exercise feed has it, marked', async () => {
    const real = (await w.as('a', 'POST', '/api/monitoring/warnings', buildWarning(w.clock.now())))
      .body as TWarning;
    const drill = (
      await w.as(
        'a',
        'POST',
        '/api/monitoring/warnings',
        buildWarning(w.clock.now(), { exercise: true }),
      )
    ).body as TWarning;
    for (const d of [real, drill]) {
      await w.as('a', 'POST', `/api/monitoring/warnings/${d.id}/submit`);
      await w.as('b', 'POST', `/api/monitoring/warnings/${d.id}/approve`);
    }
    const [r, x] = await Promise.all(
      [real, drill].map(
        async (d) =>
          ((await w.as('a', 'GET', `/api/monitoring/warnings/${d.id}`)).body as TWarning)
            .capIdentifiers[0]!,
      ),
    );
    const pub = await w.as('public', 'GET', '/api/public/warnings');
    const ids = (pub.body as { items: TPublicWarning[] }).items.map((p) => p.id);
    expect(ids).toContain(real.id);
    expect(ids).not.toContain(drill.id);
    expect(JSON.stringify(pub.body)).not.toContain(w.ids.get('a'));
    const feed = await (await fetch(`${w.base}/api/public/cap/feed.atom`)).text();
    expect(feed).toContain(r);
    expect(feed).not.toContain(x!);
    const ex = await fetch(`${w.base}/api/public/cap/exercise.atom`);
    expect(ex.headers.get('content-type')).toMatch(/atom\+xml/);
    const exText = await ex.text();
    expect(exText).toContain(x);
    expect(exText).not.toContain(r);
    expect(exText).toContain('【演练】');
    const msg = await fetch(`${w.base}/api/public/cap/messages/${encodeURIComponent(x!)}`);
    expect(msg.headers.get('content-type')).toMatch(/cap\+xml/);
    expect(await msg.text()).toContain('<status>Exercise</status>');
    expect((await fetch(`${w.base}/api/public/cap/messages/nope`)).status).toBe(404);
    // An identifier CAP cannot have (a NUL byte, a space) is a bad path, not a database error.
    for (const bad of ['a\u0000b', 'a b']) {
      const res = await fetch(`${w.base}/api/public/cap/messages/${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('params.identifier');
    }
  });
});
