import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  AppError,
  HTTP_LIMITS,
  errorMessages,
  type ErrorCode,
  type TErrorResponse,
  type TFieldIssue,
} from '@muster/contracts';
import { databaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger.ts';

export function errorBody(
  code: ErrorCode,
  detail: string,
  requestId: string | undefined,
  issues?: TFieldIssue[],
): TErrorResponse {
  const m = errorMessages(code, detail);
  return {
    error: {
      code,
      message: m.en,
      messageZh: m.zh,
      ...(issues && issues.length > 0 ? { issues } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** Errors thrown by body-parser carry a `type`; map the ones a client can cause. */
function bodyParserError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('request.malformed_json', '', [
        { path: 'body', message: 'not valid JSON' },
      ]);
    case 'entity.too.large':
      return new AppError('request.too_large', `${HTTP_LIMITS.bodyBytes} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('request.unsupported_media_type');
    case 'request.aborted':
      return new AppError('request.invalid', 'the request was aborted');
    default:
      return undefined;
  }
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('route.not_found', `${req.method} ${req.path}`));
};

/**
 * The one error mapper: AppError → its status; body-parser failures → 400/413; PostgreSQL out of
 * reach → 503 with Retry-After (the client may try again); anything else →
 * 500 without internals (logged with the request id, never with the body).
 */
export function errorMapper(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const appErr = err instanceof AppError ? err : bodyParserError(err);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appErr) {
      res
        .status(appErr.status)
        .json(errorBody(appErr.code, appErr.detail, requestId, appErr.issues));
      return;
    }
    if (databaseUnavailable(err)) {
      logger.warn({ requestId, method: req.method }, 'database unavailable');
      res.setHeader('retry-after', '5');
      res.status(503).json(errorBody('service.unavailable', 'database', requestId));
      return;
    }
    logger.error(
      {
        err,
        requestId,
        route: (req.route as { path?: unknown } | undefined)?.path,
        method: req.method,
      },
      'unhandled error',
    );
    res.status(500).json(errorBody('internal', '', requestId));
  };
}
