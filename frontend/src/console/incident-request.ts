import type { INCIDENT_SOURCES, IncidentCategory } from '@muster/contracts';
import { codesOf, numberOrUndefined, pointOf, textOrUndefined } from './form-values.ts';
import { isoOfLocalInput } from './labels.ts';

export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** The facts of the initial report the form asks for; each counts towards the suggested grade. */
export const CRITERIA_FIELDS = ['deaths', 'missing', 'injuries', 'affected'] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];

/** 接报 as typed: every box a string, as the controls hold it. */
export interface IncidentDraft {
  category: IncidentCategory;
  subtype: string;
  title: string;
  description: string;
  source: IncidentSource;
  warningId: string;
  sourceDetail: string;
  /** `datetime-local`, in the browser's time zone. */
  awareAt: string;
  lon: string;
  lat: string;
  areaCodes: string;
  reporterName: string;
  reporterPhone: string;
  criteria: Record<CriteriaField, string>;
  exercise: boolean;
}

/**
 * The `reportIncident` body of a draft, for `ZReportIncidentRequest` to judge: a reporter or a
 * count left blank is left out; a warning is named only when the source is a warning.
 */
export function incidentRequestOf(d: IncidentDraft) {
  const reporter = {
    name: textOrUndefined(d.reporterName),
    phone: textOrUndefined(d.reporterPhone),
  };
  const criteria = Object.fromEntries(
    CRITERIA_FIELDS.flatMap((k) => {
      const n = numberOrUndefined(d.criteria[k]);
      return n === undefined ? [] : [[k, n]];
    }),
  );
  return {
    title: d.title,
    category: d.category,
    subtype: d.subtype,
    description: textOrUndefined(d.description),
    source: d.source,
    warningId: d.source === 'warning' ? textOrUndefined(d.warningId) : undefined,
    sourceDetail: textOrUndefined(d.sourceDetail),
    awareAt: isoOfLocalInput(d.awareAt),
    location: pointOf(d.lon, d.lat),
    areaCodes: codesOf(d.areaCodes),
    reporter: reporter.name || reporter.phone ? reporter : undefined,
    criteria: Object.keys(criteria).length > 0 ? criteria : undefined,
    exercise: d.exercise,
  };
}
