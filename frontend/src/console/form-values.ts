/*
 * What a console form's text boxes become in a request body. A box left empty is left out (the
 * schema then says whether it may be); anything typed is sent as typed, so the contract's message
 * names it rather than the form guessing.
 */

/** Trimmed text, or undefined when nothing was typed. */
export function textOrUndefined(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

/** A number from a text box: undefined when empty, NaN (refused by the schema) when not one. */
export function numberOrUndefined(value: string): number | undefined {
  const v = value.trim();
  return v === '' ? undefined : Number(v);
}

/** Area codes typed in one box, separated by commas (either width) or spaces. */
export function codesOf(value: string): string[] {
  return value
    .split(/[,，\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * A point from longitude and latitude boxes: left out when both are empty; one of the two alone
 * is sent as such, so the schema names the missing half.
 */
export function pointOf(lon: string, lat: string): { lon?: number; lat?: number } | undefined {
  const point = { lon: numberOrUndefined(lon), lat: numberOrUndefined(lat) };
  if (point.lon === undefined && point.lat === undefined) return undefined;
  return {
    ...(point.lon === undefined ? {} : { lon: point.lon }),
    ...(point.lat === undefined ? {} : { lat: point.lat }),
  };
}

/** The error of a field, or of anything under it (`area.codes.1` for `area.codes`). */
export function errorUnder(errors: Record<string, string>, key: string): string | undefined {
  return errors[key] ?? Object.entries(errors).find(([p]) => p.startsWith(`${key}.`))?.[1];
}
