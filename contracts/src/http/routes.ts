import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One HTTP operation, defined once: the backend validates with it, the OpenAPI document is made from it. */
export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** Express style, `/api/warnings/:id`. */
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  status: number;
  response: R;
  /**
   * The response's media type when it is not JSON: a `text/csv` route answers with the text its
   * handler returns (the `response` schema describes that text).
   */
  contentType?: 'text/csv';
}

export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(route: RouteContract<P, Q, B, R>): RouteContract<P, Q, B, R> {
  return route;
}

/** Limits shared by every endpoint. */
export const HTTP_LIMITS = {
  /** Largest JSON body; a batch of 1,000 sensor readings fits well under it. */
  bodyBytes: 1_048_576,
} as const;
