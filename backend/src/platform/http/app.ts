import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { HTTP_LIMITS } from '@muster/contracts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { newId } from '../ids.ts';
import { errorMapper, notFound } from './errors.ts';

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  openApi: () => object;
  /** Express `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: string;
  /** Routers mounted in order; each carries its own paths. */
  routers: Router[];
  /** A built frontend to serve at `/`. */
  staticDir?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The Express app: request ids and JSON logs, helmet, a body size limit, metrics, the OpenAPI
 * document and its docs page, the routers, then one 404 and one error mapper.
 */
export function createHttpApp(o: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', o.trustProxy);
  app.use(
    pinoHttp({
      logger: o.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
      },
    }),
  );
  app.use((req, res, next) => {
    const end = o.metrics.httpSeconds.startTimer();
    res.on('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
      end({ route, method: req.method });
      o.metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  });
  app.use(
    '/api/docs',
    helmet({ contentSecurityPolicy: false }),
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      swaggerOptions: { url: '/api/openapi.json' },
      customSiteTitle: 'Muster API 接口文档',
    }),
  );
  app.use(helmet());
  app.use(express.json({ limit: HTTP_LIMITS.bodyBytes, strict: false }));
  app.get('/metrics', async (_req, res) => {
    res.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(o.openApi());
  });
  for (const r of o.routers) app.use(r);
  if (o.staticDir) {
    app.use(express.static(o.staticDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell; API paths never do.
    app.get(/^\/(?!api\/|metrics|healthz|readyz).*/, (_req, res) =>
      res.sendFile('index.html', { root: o.staticDir }),
    );
  }
  app.use(notFound);
  app.use(errorMapper(o.logger));
  return app;
}
