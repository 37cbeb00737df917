/**
 * Strings of the public warnings page (no sign-in), merged into the main catalogues. The Chinese
 * one is the source of truth; the English one must have exactly its keys.
 */
export const publicZhCN = {
  'public.title': '当前预警信息',
  'public.intro': '北碚区应急管理部门发布、现行有效的预警。演练信息不在此显示。',
  'public.loading': '正在读取当前预警…',
  'public.empty': '当前没有生效的预警。',
  'public.error': '暂时无法读取预警信息，稍后将自动重试。',
  'public.retry': '重试',
  'public.updatedAt': '更新于 {time}，每分钟自动刷新',
  'public.count': '共 {count} 条预警',
  'public.legend': '预警级别颜色',
  'public.level': '级别',
  'public.category': '类别',
  'public.area': '范围',
  'public.issuer': '发布单位',
  'public.issuedAt': '发布时间',
  'public.adjustedAt': '调整时间',
  'public.onset': '生效时间',
  'public.expiresAt': '截止时间',
  'public.impacts': '可能影响',
  'public.measures': '防御措施',
  'public.advice': '公众建议',
  'public.capMessage': '查看此条 CAP 消息',
  'public.capFeed': 'CAP 1.2 订阅源（Atom）',
  'public.capFeedHint': '供媒体、预警发布平台和应用程序订阅本区正式预警。',
  'public.signIn': '工作人员登录',
  'public.linkFromSignIn': '无需登录：查看当前预警信息',
  'public.notSet': '未注明',
} as const;

export type PublicMessages = Record<keyof typeof publicZhCN, string>;

export const publicEn: PublicMessages = {
  'public.title': 'Warnings in force',
  'public.intro':
    'Warnings issued by the Beibei District emergency authorities and in force now. Exercises are never shown here.',
  'public.loading': 'Reading the warnings in force…',
  'public.empty': 'No warning is in force.',
  'public.error': 'The warnings cannot be read just now; this page tries again shortly.',
  'public.retry': 'Try again',
  'public.updatedAt': 'Updated {time}; refreshed every minute',
  'public.count': '{count} warnings',
  'public.legend': 'Warning level colours',
  'public.level': 'Level',
  'public.category': 'Category',
  'public.area': 'Area',
  'public.issuer': 'Issued by',
  'public.issuedAt': 'Issued',
  'public.adjustedAt': 'Adjusted',
  'public.onset': 'In force from',
  'public.expiresAt': 'Until',
  'public.impacts': 'Possible impacts',
  'public.measures': 'Precautions',
  'public.advice': 'Advice to the public',
  'public.capMessage': 'This warning as a CAP message',
  'public.capFeed': 'CAP 1.2 feed (Atom)',
  'public.capFeedHint':
    'For media, warning platforms and apps to follow the district’s actual warnings.',
  'public.signIn': 'Staff sign-in',
  'public.linkFromSignIn': 'No sign-in needed: the warnings in force',
  'public.notSet': 'Not stated',
};
