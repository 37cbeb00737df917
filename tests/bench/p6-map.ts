// P6 — the command map in Chromium with 10,000 team markers and 1,000 other features: first
// render after the data arrives (the `sync:snapshot` frame → the layers drawn and painted), and
// the frame time while 1,000 position updates a second stream in (p95 of each frame's main-thread
// work). Baseline in the same run: bare Leaflet drawing the same markers on a canvas, without
// the app, fed the same updates. Goal: first render <= 1.5 s, frame p95 <= 16 ms.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import { createAccount } from '../../backend/src/testing/accounts.ts';
import {
  installMapItemsTable,
  putMapItems,
  type TestMapItem,
} from '../../backend/src/testing/map-layers.ts';
import { publishPosition } from '../../backend/src/testing/realtime.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  buildFrontend,
  requireChromium,
  signIn,
} from '../support/browser.ts';
import { incidentItem, mapTestSources, placeItems, warningItem } from '../support/map-seed.ts';
import {
  createBenchEnv,
  envInt,
  medianOfRuns,
  meetsGoal,
  percentile,
  report,
  sleep,
  type Goal,
} from './lib.ts';

const RUNS = envInt('BENCH_RUNS', 3);
const TEAMS = envInt('BENCH_P6_TEAMS', 10_000);
const OTHERS = envInt('BENCH_P6_FEATURES', 1_000);
const UPDATES_PER_S = envInt('BENCH_P6_UPDATES_PER_S', 1_000);
const STREAM_S = envInt('BENCH_P6_STREAM_S', 5);

const GOAL: Goal = {
  text: 'first_render<=1500ms frame_p95<=16ms',
  checks: [
    { figure: 'first_render_ms', op: '<=', value: 1500 },
    { figure: 'frame_p95_ms', op: '<=', value: 16 },
  ],
};

/** A team's place: spread over Beibei, moved a little by each update. */
const place = (i: number, step = 0) => ({
  lon: 106.32 + ((i * 7919) % 3600) / 10_000 + step * 0.0003,
  lat: 29.67 + ((i * 104_729) % 3800) / 10_000 - step * 0.0002,
});

/**
 * In the page: records each frame's main-thread work — from the start of its animation frame
 * callbacks to the first task after its rendering (a message posted from the callback runs
 * then) — and the intervals between frames.
 */
const FRAME_PROBE = `(() => {
  window.__frames = { work: [], gaps: [], on: true };
  const ch = new MessageChannel();
  let start = 0, last = 0;
  ch.port1.onmessage = () => { window.__frames.work.push(performance.now() - start); };
  const tick = (t) => {
    if (!window.__frames.on) return;
    start = performance.now();
    if (last) window.__frames.gaps.push(t - last);
    last = t;
    ch.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const FRAME_STOP = `(() => { window.__frames.on = false; return window.__frames; })()`;

interface Frames {
  work: number[];
  gaps: number[];
}

/** The app: sign in as the admin (sees every team exact), open the map, time its first render. */
async function appRun(
  m: Muster,
  browser: Browser,
  account: { username: string; password: string },
  teams: string[],
) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  try {
    await page.goto(`http://127.0.0.1:${m.port}/`);
    await signIn(page, account);
    await page.locator('.connection[data-status="live"]').waitFor({ timeout: 60_000 });
    await page.goto(`http://127.0.0.1:${m.port}/map`);
    // From the snapshot frame's arrival to the paint after every team dot was drawn.
    const firstRender = await page.evaluate<number>(`new Promise((resolve) => {
      const poll = () => {
        const s = performance.getEntriesByName('muster:map-snapshot')[0];
        const d = performance.getEntriesByName('muster:dots-drawn')[0];
        if (s && d && d.startTime >= s.startTime && d.detail.dots >= ${TEAMS})
          return requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - s.startTime)));
        setTimeout(poll, 5);
      };
      poll();
    })`);
    const frames = await streamUpdates(page, async (batch, step) => {
      await Promise.all(
        batch.map((i) => publishPosition(m, { teamId: teams[i]!, ...place(i, step) })),
      );
    });
    return { firstRender, frames };
  } finally {
    await ctx.close();
  }
}

/** 1,000 updates a second for STREAM_S seconds, in tenths; returns the frames measured meanwhile. */
async function streamUpdates(
  page: Page,
  send: (batch: number[], step: number) => Promise<void>,
): Promise<Frames> {
  await page.evaluate(FRAME_PROBE);
  const perTenth = Math.round(UPDATES_PER_S / 10);
  const t0 = performance.now();
  for (let tenth = 0; tenth < STREAM_S * 10; tenth++) {
    const batch = Array.from({ length: perTenth }, (_, k) => (tenth * perTenth + k) % TEAMS);
    await send(batch, tenth + 1);
    const wait = t0 + (tenth + 1) * 100 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await sleep(500);
  return page.evaluate<Frames>(FRAME_STOP);
}

/** Bare Leaflet: the same markers on a canvas, the same updates, no app around it. */
async function rawRun(browser: Browser) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  try {
    await page.setContent(
      `<!doctype html><html><head><style>html,body,#m{margin:0;height:100%}</style></head><body><div id="m"></div></body></html>`,
    );
    await page.addStyleTag({ path: path.join(ROOT, 'node_modules/leaflet/dist/leaflet.css') });
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/leaflet/dist/leaflet.js') });
    const firstRender = await page.evaluate<number>(`new Promise((resolve) => {
      const place = ${place.toString()};
      const t0 = performance.now();
      const map = L.map('m', { preferCanvas: true }).fitBounds([[29.65, 106.3], [30.09, 106.69]]);
      const r = L.canvas();
      window.__markers = [];
      for (let i = 0; i < ${TEAMS}; i++) {
        const p = place(i);
        window.__markers.push(L.circleMarker([p.lat, p.lon], { renderer: r, radius: 6, weight: 1.5, color: '#fff', fillColor: '#6f42c1', fillOpacity: 0.95 }).addTo(map));
      }
      for (let i = 0; i < ${OTHERS}; i++) {
        const p = place(i * 13 + 7);
        L.circleMarker([p.lat, p.lon], { renderer: r, radius: 7, color: '#fff', fillColor: '#0f766e', fillOpacity: 0.95 }).addTo(map);
      }
      window.__place = place;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    })`);
    // The gateway pushes once per tick (200 ms): the raw map gets the same batches at that pace.
    let pending: number[] = [];
    let lastPush = performance.now();
    const frames = await streamUpdates(page, async (batch, step) => {
      pending.push(...batch.map((i) => i * 100 + step));
      if (performance.now() - lastPush < 200) return;
      lastPush = performance.now();
      const encoded = pending;
      pending = [];
      await page.evaluate(`(() => {
        for (const e of ${JSON.stringify(encoded)}) {
          const i = Math.floor(e / 100), step = e % 100;
          const p = window.__place(i, step);
          window.__markers[i].setLatLng([p.lat, p.lon]);
        }
      })()`);
    });
    return { firstRender, frames };
  } finally {
    await ctx.close();
  }
}

const figuresOf = (r: { firstRender: number; frames: Frames }) => ({
  first_render_ms: r.firstRender,
  frame_p95_ms: percentile(r.frames.work, 95),
  frame_gap_p95_ms: percentile(r.frames.gaps, 95),
});

async function main(): Promise<void> {
  requireChromium();
  const dist = mkdtempSync(path.join(tmpdir(), 'muster-p6-dist-'));
  buildFrontend(dist);
  const env = await createBenchEnv();
  await installMapItemsTable(env.databaseUrl);
  const m = await startMuster(env.config({ FRONTEND_DIST: dist }), {
    extraMapLayers: mapTestSources(),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const password = `p6-${randomUUID()}`;
    const admin = await createAccount(m.database.db, { role: 'admin', password });
    const teams = Array.from({ length: TEAMS }, () => randomUUID());
    for (let i = 0; i < TEAMS; i += 500)
      await Promise.all(
        teams.slice(i, i + 500).map((teamId, k) => publishPosition(m, { teamId, ...place(i + k) })),
      );
    // 1,000 other features: incidents, warnings, monitoring and risk points, requisitions.
    const others: TestMapItem[] = [];
    while (others.length < OTHERS) {
      const incident = incidentItem({ location: place(others.length * 31) });
      others.push(incident, warningItem(), ...placeItems(incident.id));
    }
    for (let i = 0; i < OTHERS; i += 200)
      await putMapItems(m, others.slice(i, Math.min(i + 200, OTHERS)));
    await sleep(2_000);

    const app = [];
    const raw = [];
    for (let run = 0; run < RUNS; run++) {
      app.push(figuresOf(await appRun(m, browser, { username: admin.username, password }, teams)));
      raw.push(figuresOf(await rawRun(browser)));
    }
    const figures = medianOfRuns(app);
    const baseline = medianOfRuns(raw);
    const all = {
      ...figures,
      ratio_first_vs_raw: figures.first_render_ms / baseline.first_render_ms,
      ratio_vs_raw: figures.frame_p95_ms / baseline.frame_p95_ms,
    };
    await report({
      id: 'P6',
      figures: all,
      baseline: {
        raw_first_render_ms: baseline.first_render_ms,
        raw_frame_p95_ms: baseline.frame_p95_ms,
        raw_frame_gap_p95_ms: baseline.frame_gap_p95_ms,
      },
      goal: GOAL,
      pass: meetsGoal(all, GOAL),
      details: {
        runs: { app, raw },
        teams: TEAMS,
        features: OTHERS,
        updatesPerS: UPDATES_PER_S,
        streamS: STREAM_S,
      },
    });
  } finally {
    await browser.close();
    await m.stop();
    await env.cleanup();
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
