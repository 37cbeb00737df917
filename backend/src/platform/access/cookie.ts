import type { Response } from 'express';

/** The browser session cookie: HttpOnly so scripts cannot read it, SameSite=Lax against CSRF. */
export const SESSION_COOKIE = 'muster_session';

/** The value of one cookie from a `Cookie` header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}

export function setSessionCookie(
  res: Response,
  token: string,
  o: { secure: boolean; expiresAt: Date; now: Date },
): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: o.secure,
    maxAge: Math.max(0, o.expiresAt.getTime() - o.now.getTime()),
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}
