import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  AppError,
  describeIssues,
  fieldIssues,
  unstorableTextIssues,
  type RouteContract,
  type TFieldIssue,
} from '@muster/contracts';

export interface Parsed<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  where: string,
  issues: TFieldIssue[],
): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) {
    issues.push(...fieldIssues(r.error.issues, where));
    return undefined;
  }
  const unstorable = unstorableTextIssues(r.data, where);
  if (unstorable.length > 0) {
    issues.push(...unstorable);
    return undefined;
  }
  return r.data;
}

/**
 * Mounts one contract route: params, query and body are parsed by its zod schemas (a failure is a
 * 400 naming each field path); the handler's result is the response body, checked against the
 * response schema when `checkResponses` is on (tests).
 */
export function mount<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(
  router: Router,
  route: RouteContract<P, Q, B, R>,
  handler: (input: Parsed<Out<P>, Out<Q>, Out<B>>) => Promise<z.input<R>> | z.input<R>,
  opts: { checkResponses?: boolean } = {},
): void {
  router[route.method](route.path, async (req: Request, res: Response) => {
    const issues: TFieldIssue[] = [];
    if (route.body && !req.is('application/json') && req.body === undefined) {
      throw new AppError('request.unsupported_media_type');
    }
    const params = parsePart(route.params, req.params, 'params', issues);
    const query = parsePart(route.query, req.query, 'query', issues);
    const body = parsePart(route.body, req.body, 'body', issues);
    if (issues.length > 0) throw new AppError('request.invalid', describeIssues(issues), issues);
    const result = await handler({ params, query, body, req, res } as Parsed<
      Out<P>,
      Out<Q>,
      Out<B>
    >);
    if (res.headersSent) return;
    const out = opts.checkResponses ? route.response.parse(result) : result;
    if (route.contentType) res.status(route.status).type(route.contentType).send(out);
    else res.status(route.status).json(out);
  });
}
