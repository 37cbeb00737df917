/** The parts of an HTTP answer tests look at. */
export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text of any other body (a CSV export), or undefined for an empty one. */
  body: unknown;
}

/** One JSON request to a test server. */
export async function call(
  base: string,
  method: string,
  path: string,
  o: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...o.headers,
    },
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: !text
      ? undefined
      : /json/.test(res.headers.get('content-type') ?? 'application/json')
        ? (JSON.parse(text) as unknown)
        : text,
  };
}

/** The error code of an error answer, or undefined. */
export function errorCode(a: Answer): string | undefined {
  const b = a.body as { error?: { code?: unknown } } | undefined;
  return typeof b?.error?.code === 'string' ? b.error.code : undefined;
}
