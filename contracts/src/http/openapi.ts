import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ZErrorResponse } from '../errors.ts';
import type { RouteContract } from './routes.ts';

/** `/api/warnings/:id` → `/api/warnings/{id}` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document of the given routes, made from the same zod schemas the backend
 * validates with, so the document cannot drift from what the server accepts.
 */
export function buildOpenApiDocument(routes: readonly RouteContract[], version: string): object {
  const registry = new OpenAPIRegistry();
  const errorResponse = ZErrorResponse.meta({ id: 'ErrorResponse' });
  for (const r of routes) {
    const request: {
      params?: z.ZodObject;
      query?: z.ZodObject;
      body?: { content: { 'application/json': { schema: z.ZodType } } };
    } = {};
    if (r.params) request.params = r.params as z.ZodObject;
    if (r.query) request.query = r.query as z.ZodObject;
    if (r.body) request.body = { content: { 'application/json': { schema: r.body } } };
    const errorContent = { content: { 'application/json': { schema: errorResponse } } };
    registry.registerPath({
      operationId: r.operationId,
      method: r.method,
      path: openApiPath(r.path),
      summary: r.summary,
      tags: r.tags,
      request,
      responses: {
        [r.status]: {
          description: r.summary,
          content: { [r.contentType ?? 'application/json']: { schema: r.response } },
        },
        ...(r.body || r.params || r.query
          ? { 400: { description: 'Invalid request; `issues` names each field', ...errorContent } }
          : {}),
        500: { description: 'Internal error (no internals are disclosed)', ...errorContent },
        default: {
          description:
            'Any other refusal — 401 sign in, 403 not allowed or CSRF, 404, 409, 413, 429 (see `error.code`)',
          ...errorContent,
        },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Muster API',
      version,
      description:
        '突发事件应对协同系统 — emergency response coordination. 中文优先，English second.',
    },
    servers: [{ url: '/' }],
  });
}
