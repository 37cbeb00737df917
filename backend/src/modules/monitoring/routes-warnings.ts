import express, { Router } from 'express';
import { HTTP_LIMITS, publicWarningRoutes, warningRoutes } from '@muster/contracts';
import { mount } from '../../platform/http/routes.ts';
import { requireViewer } from '../../platform/access/index.ts';
import type { MonitoringDeps } from './deps.ts';
import { importCap } from './cap/cap-import.ts';
import { listPacks, putPack } from './measures.ts';
import { capAtomFeed, currentPublicWarnings } from './public-feed.ts';
import { approve, returnStep } from './warning-approve.ts';
import { amend } from './warning-amend.ts';
import { getWarning, listWarnings, ownCapMessage, warningCapMessages } from './warning-read.ts';
import { createDraft, discardDraft, editDraft, submit } from './warning-service.ts';

const OFFICE = ['admin', 'duty_officer'] as const;
const READERS = ['admin', 'duty_officer', 'commander', 'department', 'observer'] as const;
const CAP_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

/** The warning lifecycle, measure packs and CAP import (office), and the public feeds. */
export function warningRouter(d: MonitoringDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses ?? false };
  const w = warningRoutes;
  mount(
    r,
    w.createDraft,
    ({ body, req }) => createDraft(d, requireViewer(req, ...OFFICE), body),
    opts,
  );
  mount(
    r,
    w.editDraft,
    ({ params, body, req }) => editDraft(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    w.submit,
    ({ params, req }) => submit(d, requireViewer(req, ...OFFICE), params.id),
    opts,
  );
  mount(
    r,
    w.approve,
    ({ params, req }) => approve(d, requireViewer(req, ...OFFICE), params.id),
    opts,
  );
  mount(
    r,
    w.returnStep,
    ({ params, body, req }) => returnStep(d, requireViewer(req, ...OFFICE), params.id, body.reason),
    opts,
  );
  mount(
    r,
    w.discard,
    ({ params, req }) => discardDraft(d, requireViewer(req, ...OFFICE), params.id),
    opts,
  );
  mount(
    r,
    w.amend,
    ({ params, body, req }) => amend(d, requireViewer(req, ...OFFICE), params.id, body),
    opts,
  );
  mount(
    r,
    w.list,
    ({ query, req }) => (requireViewer(req, ...READERS), listWarnings(d, query)),
    opts,
  );
  mount(
    r,
    w.get,
    ({ params, req }) => (requireViewer(req, ...READERS), getWarning(d, params.id)),
    opts,
  );
  mount(
    r,
    w.capMessages,
    ({ params, req }) => (requireViewer(req, ...READERS), warningCapMessages(d, params.id)),
    opts,
  );
  // An agency's alert arrives as the XML itself; the contract's JSON form wraps it as {xml}.
  r.post(
    w.importCap.path,
    express.text({ type: CAP_TYPES, limit: HTTP_LIMITS.bodyBytes }),
    (req, _res, next) => {
      if (typeof req.body === 'string') req.body = { xml: req.body };
      next();
    },
  );
  mount(
    r,
    w.importCap,
    ({ body, req }) => importCap(d, requireViewer(req, ...OFFICE), body.xml),
    opts,
  );
  mount(r, w.listPacks, ({ req }) => (requireViewer(req, ...READERS), listPacks(d)), opts);
  mount(
    r,
    w.putPack,
    ({ params, body, req }) =>
      putPack(d, requireViewer(req, ...OFFICE), params.level, params.category, body.measures),
    opts,
  );

  const p = publicWarningRoutes;
  const base = (req: express.Request) => `${req.protocol}://${req.host}`;
  mount(
    r,
    p.current,
    ({ res }) => {
      res.setHeader('Cache-Control', 'public, max-age=30');
      return currentPublicWarnings(d);
    },
    opts,
  );
  mount(r, p.feed, async ({ req, res }) => {
    res.setHeader('Cache-Control', 'public, max-age=30');
    res.type('application/atom+xml').send(await capAtomFeed(d, 'Actual', base(req)));
    return '';
  });
  mount(r, p.exerciseFeed, async ({ req, res }) => {
    res.type('application/atom+xml').send(await capAtomFeed(d, 'Exercise', base(req)));
    return '';
  });
  mount(r, p.message, async ({ params, res }) => {
    const m = await ownCapMessage(d, params.identifier);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/cap+xml').send(m.xml);
    return '';
  });
  return r;
}
