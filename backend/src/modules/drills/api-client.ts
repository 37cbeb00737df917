import { AppError } from '@muster/contracts';

/** An answer of another module's API that the inject could not use. */
export class InjectFailed extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

/** Calls the API as a drill account: the same routes, validation and rules as any client. */
export async function callApi<T = Record<string, unknown>>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = parsed as { error?: { code?: string; detail?: string } } | undefined;
    throw new InjectFailed(res.status, e?.error?.code ?? `http.${res.status}`);
  }
  return parsed as T;
}

/** The code of a failure, for the inject log. */
export function failureCode(err: unknown): string {
  if (err instanceof InjectFailed) return err.code;
  if (err instanceof AppError) return err.code;
  return 'drills.inject_error';
}
