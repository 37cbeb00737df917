/*
 * The remedy notice (救济途径) every compensation decision and objection decision carries. The
 * periods: administrative reconsideration within 60 days of knowing the decision (Administrative
 * Reconsideration Law art. 20), administrative litigation within 6 months (Administrative
 * Litigation Law art. 46); and the Emergency Response Law art. 13 suspension of limitation
 * periods while emergency measures keep proceedings from going ahead. Exact text, tested.
 */

/** Days to apply for administrative reconsideration after knowing the decision. */
export const RECONSIDERATION_DAYS = 60;
/** Months to bring an administrative lawsuit after knowing the decision. */
export const LITIGATION_MONTHS = 6;

export const REMEDY_NOTICE = {
  zh:
    '救济途径：如不服本决定，可以自知道或者应当知道本决定之日起六十日内依法申请行政复议，' +
    '或者自知道或者应当知道本决定之日起六个月内依法向人民法院提起行政诉讼。' +
    '因依法采取突发事件应对措施，致使诉讼、行政复议等活动不能正常进行的，' +
    '依照《中华人民共和国突发事件应对法》第十三条，适用有关时效中止和程序中止的规定，法律另有规定的除外。',
  en:
    'Remedy: if you do not accept this decision, you may apply for administrative reconsideration ' +
    'within 60 days of the day you knew or should have known of it, or bring an administrative ' +
    'lawsuit before a people’s court within 6 months of that day. Where emergency response ' +
    'measures taken under the law keep litigation, administrative reconsideration or similar ' +
    'proceedings from going ahead normally, the rules on the suspension of limitation periods ' +
    'and of proceedings apply (Emergency Response Law of the PRC, art. 13), unless the law ' +
    'provides otherwise.',
} as const;

/** The legal basis an order cites unless the official writes a more specific one. */
export const REQUISITION_LEGAL_BASIS =
  '《中华人民共和国突发事件应对法》第十二条、第七十六条 Emergency Response Law art. 12, 76';
