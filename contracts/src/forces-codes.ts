import { z } from 'zod';

/**
 * Check characters of the identifiers a filing carries. Exported so builders and forms can make
 * and verify valid values; the schemas below refuse any value whose check character is wrong.
 */

/** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, Z, S, V). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a unified social credit code whose first 17 are given. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i] ?? '');
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** GB 11643-1999 (ISO 7064 MOD 11-2): weights of the first 17 digits and the check table. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The 18th character of a citizen ID number whose first 17 digits are given. */
export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11];
}

/** 统一社会信用代码: 18 characters, the last a GB 32100-2015 check character. */
export const ZCreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位 / 18 characters of GB 32100')
  .refine(
    (s) => creditCodeCheckChar(s.slice(0, 17)) === s[17],
    '统一社会信用代码校验位不正确 / the credit code check character is wrong',
  );

/** 公民身份号码: 17 digits and a GB 11643 check character (0–9 or X). */
export const ZIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '身份证号应为 18 位 / 18 characters: 17 digits and a digit or X')
  .refine(
    (s) => idNumberCheckChar(s.slice(0, 17)) === s[17],
    '身份证号校验位不正确 / the ID number check character is wrong',
  );

/** A mainland mobile number: 11 digits starting 13–19. */
export const ZMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '应为 11 位手机号 / an 11-digit mainland mobile number');
