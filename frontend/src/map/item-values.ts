import {
  CAPABILITY_LABELS,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_GRADE_LABELS,
  RESPONSE_LEVEL_LABELS,
  TEAM_KIND_LABELS,
  WARNING_LEVEL_LABELS,
} from '@muster/contracts';
import type { Translate } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { instantText } from './time-text.ts';

type Labels = Record<string, { zh: string; en: string }>;

/** Fields whose values are words of the shared vocabulary, with their labels. */
const VOCABULARY: Record<string, Labels> = {
  level: WARNING_LEVEL_LABELS,
  grade: INCIDENT_GRADE_LABELS,
  responseLevel: RESPONSE_LEVEL_LABELS,
  category: INCIDENT_CATEGORY_LABELS,
  kind: TEAM_KIND_LABELS,
  capabilities: CAPABILITY_LABELS,
  threshold: { normal: { zh: '正常', en: 'Normal' }, ...WARNING_LEVEL_LABELS },
};

/** Fields not listed in the details (drawn on the map, or ids that say nothing to a person). */
export const HIDDEN_FIELDS = new Set([
  'area',
  'warningId',
  'incidentId',
  'teamId',
  'pointId',
  'riskPointId',
  'orderId',
  'itemId',
]);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const isPoint = (v: unknown): v is { lon: number; lat: number } =>
  typeof v === 'object' && v !== null && typeof (v as { lon?: unknown }).lon === 'number';

/**
 * A field's value as a person reads it: vocabulary words by their label, instants in local time,
 * points as coordinates, lists joined. Values come as the server projected them (a masked phone
 * stays masked).
 */
export function valueText(
  layer: string,
  field: string,
  value: unknown,
  t: Translate,
  locale: Locale,
): string {
  const lang = locale === 'en' ? 'en' : 'zh';
  const sep = lang === 'en' ? ', ' : '、';
  if (value === null || value === undefined) return t('map.value.none');
  if (field === 'status') {
    const key = `map.status.${layer}.${text(value)}`;
    return key in zhCN ? t(key as MessageKey) : text(value);
  }
  // A warning's category is free text; an incident's is one of the four kinds of emergency.
  const words = field === 'category' && layer !== 'incidents' ? undefined : VOCABULARY[field];
  if (words) {
    const label = (v: unknown) => words[text(v)]?.[lang] ?? text(v);
    return Array.isArray(value) ? value.map(label).join(sep) : label(value);
  }
  if (typeof value === 'string' && ISO.test(value)) return instantText(value, locale);
  if (typeof value === 'boolean') return value ? t('map.value.yes') : t('map.value.no');
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (isPoint(value)) return `${value.lat.toFixed(5)}, ${value.lon.toFixed(5)}`;
  if (field === 'latest' && typeof value === 'object') {
    const r = value as { value: number; unit: string; observedAt: string };
    return `${new Intl.NumberFormat(locale).format(r.value)} ${r.unit} (${instantText(r.observedAt, locale)})`;
  }
  if (Array.isArray(value)) return value.map(text).join(sep);
  return text(value);
}

/** A scalar as text; an object (a shape this page does not know) as JSON. */
function text(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** A field's label, or the field's own name for a field this page does not know. */
export function fieldLabel(field: string, t: Translate): string {
  const key = `map.field.${field}`;
  return key in zhCN ? t(key as MessageKey) : field;
}
