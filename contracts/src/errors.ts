import { z } from 'zod';

interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/**
 * Every error code a user or client can see, with its HTTP status and both messages.
 * Messages say what was wrong and how to fix it; `{detail}` is filled from the error's detail.
 */
export const errorCatalog = {
  'request.invalid': {
    status: 400,
    zh: '请求内容有误：{detail}。请按提示修改后重试。',
    en: 'The request is invalid: {detail}. Correct it and try again.',
  },
  'request.malformed_json': {
    status: 400,
    zh: '请求体不是合法的 JSON，请检查引号、逗号和括号。{detail}',
    en: 'The request body is not valid JSON; check quotes, commas and brackets. {detail}',
  },
  'request.too_large': {
    status: 413,
    zh: '请求体过大（上限 {detail}）。请拆分后分批提交。',
    en: 'The request body is too large (limit {detail}). Split it into smaller requests.',
  },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的内容类型：请使用 application/json。',
    en: 'Unsupported content type: send application/json.',
  },
  'request.headers_too_large': {
    status: 431,
    zh: '请求的网址或请求头过长（上限 {detail}）。请缩短查询条件后重试。',
    en: 'The request’s URL or headers are too long (limit {detail}). Shorten the query and try again.',
  },
  'request.unreadable': {
    status: 400,
    zh: '无法解析该 HTTP 请求（{detail}）。请检查客户端或代理。',
    en: 'The HTTP request could not be read ({detail}). Check the client or the proxy in between.',
  },
  'request.timeout': {
    status: 408,
    zh: '请求发送超时，请检查网络后重试。',
    en: 'The request took too long to arrive; check the network and try again.',
  },
  'route.not_found': {
    status: 404,
    zh: '没有这个接口：{detail}',
    en: 'No such endpoint: {detail}',
  },
  'resource.not_found': {
    status: 404,
    zh: '找不到该记录：{detail}',
    en: 'Not found: {detail}',
  },
  'resource.conflict': {
    status: 409,
    zh: '与当前状态冲突：{detail}',
    en: 'Conflicts with the current state: {detail}',
  },
  'auth.required': { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  'auth.forbidden': {
    status: 403,
    zh: '您无权执行此操作。',
    en: 'You are not allowed to do this.',
  },
  'auth.invalid_credentials': {
    status: 401,
    zh: '用户名或密码不正确。请检查后重试；连续失败多次后需等待一段时间才能再试。',
    en: 'The username or password is wrong. Check both and try again; after several failures you must wait before trying again.',
  },
  'auth.throttled': {
    status: 429,
    zh: '登录失败次数过多，请在 {detail} 秒后再试。',
    en: 'Too many failed sign-ins; try again in {detail} s.',
  },
  'auth.account_pending': {
    status: 403,
    zh: '账号正在等待值班员审核，审核通过后即可登录。',
    en: 'This account is waiting for a duty officer to approve it; you can sign in once it is approved.',
  },
  'auth.account_disabled': {
    status: 403,
    zh: '账号已停用，无法登录。如有疑问请联系系统管理员。',
    en: 'This account is disabled and cannot sign in. Contact the administrator if you think this is wrong.',
  },
  'auth.wrong_password': {
    status: 403,
    zh: '当前密码不正确，密码未修改。',
    en: 'The current password is wrong; the password was not changed.',
  },
  'auth.csrf': {
    status: 403,
    zh: 'CSRF 令牌缺失或不正确：请在请求头 X-CSRF-Token 中带上登录时返回的 csrfToken。',
    en: 'Missing or wrong CSRF token: send the csrfToken returned at sign-in as the X-CSRF-Token header.',
  },
  'auth.origin': {
    status: 403,
    zh: '不接受来自该网页来源（{detail}）的请求。请从本系统的页面操作，或请管理员将其加入 ALLOWED_ORIGINS。',
    en: 'Requests from this web origin ({detail}) are not accepted. Use the system’s own pages, or ask the administrator to add it to ALLOWED_ORIGINS.',
  },
  'account.username_taken': {
    status: 409,
    zh: '用户名已被占用，请换一个。',
    en: 'That username is taken; choose another.',
  },
  'account.not_pending': {
    status: 409,
    zh: '该账号不在待审核状态（当前：{detail}），无需审核。',
    en: 'This account is not waiting for approval (it is {detail}).',
  },
  'account.self_disable': {
    status: 409,
    zh: '不能停用自己的账号；请由另一位管理员操作。',
    en: 'You cannot disable your own account; ask another administrator.',
  },
  'forces.team_not_found': {
    status: 404,
    zh: '找不到该队伍：{detail}',
    en: 'No such team: {detail}',
  },
  'forces.already_filed': {
    status: 409,
    zh: '您的账号已关联队伍 {detail}，请编辑该队伍的备案，而不是重新备案。',
    en: 'Your account already leads team {detail}; edit that filing instead of filing again.',
  },
  'forces.credit_code_taken': {
    status: 409,
    zh: '该统一社会信用代码已被另一支队伍备案。如属误填请核对；如属同一组织请联系值班员。',
    en: 'Another team has filed with this unified social credit code. Check it, or contact the duty officer if it is the same organisation.',
  },
  'forces.not_your_team': {
    status: 403,
    zh: '只有本队队长可以执行此操作。',
    en: 'Only the leader of this team can do this.',
  },
  'forces.wrong_status': {
    status: 409,
    zh: '队伍备案当前状态（{detail}）不允许此操作。',
    en: 'The filing’s current status ({detail}) does not allow this.',
  },
  'forces.self_review': {
    status: 403,
    zh: '不能审核自己提交或所在队伍的备案，请由另一位值班员审核。',
    en: 'You cannot review a filing you submitted or whose team you belong to; ask another duty officer.',
  },
  'forces.member_duplicate': {
    status: 409,
    zh: '该身份证号的队员已在本队名册中。',
    en: 'A member with this ID number is already on the team’s roll.',
  },
  'monitoring.point_not_found': {
    status: 404,
    zh: '找不到该监测点：{detail}',
    en: 'No such monitoring point: {detail}',
  },
  'monitoring.rule_not_found': {
    status: 404,
    zh: '找不到该阈值规则：{detail}',
    en: 'No such threshold rule: {detail}',
  },
  'monitoring.reading_invalid': {
    status: 400,
    zh: '监测数据有误：{detail}。请检查单位、数值范围和观测时间后重新上报；本批数据均未保存。',
    en: 'Invalid readings: {detail}. Check unit, range and time and send the batch again; none of it was stored.',
  },
  'monitoring.not_your_point': {
    status: 403,
    zh: '只能上报本部门监测点的数据：{detail}',
    en: 'You may only report readings of your own department’s points: {detail}',
  },
  'monitoring.warning_not_found': {
    status: 404,
    zh: '找不到该预警：{detail}',
    en: 'No such warning: {detail}',
  },
  'monitoring.warning_wrong_status': {
    status: 409,
    zh: '预警当前状态（{detail}）不允许此操作。',
    en: 'The warning’s current status ({detail}) does not allow this.',
  },
  'monitoring.warning_incomplete': {
    status: 409,
    zh: '预警内容不完整（突发事件应对法第六十四条）：缺少 {detail}。请补全后再提交。',
    en: 'The warning lacks required content (Emergency Response Law art. 64): {detail}. Complete it and submit again.',
  },
  'monitoring.four_eyes': {
    status: 403,
    zh: '不能审批自己提出或提交的预警事项，请由另一位值班员审批。',
    en: 'You cannot approve a step you proposed or submitted; ask another duty officer.',
  },
  'monitoring.amendment_pending': {
    status: 409,
    zh: '该预警已有待审批的调整或解除，请先处理它。',
    en: 'This warning already has an adjustment or lift waiting; settle it first.',
  },
  'monitoring.nothing_pending': {
    status: 409,
    zh: '该预警没有待审批的事项。',
    en: 'Nothing about this warning is waiting for approval.',
  },
  'monitoring.cap_not_found': {
    status: 404,
    zh: '找不到该 CAP 消息：{detail}',
    en: 'No such CAP message: {detail}',
  },
  'monitoring.cap_too_large': {
    status: 413,
    zh: 'CAP 文件过大（上限 {detail} 字节）。请确认来源，真实预警消息远小于此。',
    en: 'The CAP document is too large (limit {detail} bytes); real alerts are far smaller, check the source.',
  },
  'monitoring.cap_entities': {
    status: 400,
    zh: 'CAP 文件含有 DOCTYPE 或实体声明（{detail}），为安全起见不予处理。请去掉 DOCTYPE 后重新导入。',
    en: 'The CAP document declares a DOCTYPE or entities ({detail}); for safety it is refused. Remove the DOCTYPE and import again.',
  },
  'monitoring.cap_malformed': {
    status: 400,
    zh: 'CAP 文件不是格式正确的 XML：{detail}',
    en: 'The CAP document is not well-formed XML: {detail}',
  },
  'monitoring.cap_too_deep': {
    status: 400,
    zh: 'CAP 文件嵌套过深（上限 {detail} 层），不予处理。',
    en: 'The CAP document nests too deeply (limit {detail} levels) and is refused.',
  },
  'monitoring.cap_invalid': {
    status: 400,
    zh: 'CAP 文件不符合 CAP 1.2 规范：{detail}',
    en: 'The CAP document does not follow CAP 1.2: {detail}',
  },
  'monitoring.cap_unknown_reference': {
    status: 409,
    zh: '该 CAP 更新或撤销引用的原消息尚未导入：{detail}。请先导入原预警。',
    en: 'This CAP Update or Cancel refers to a message not imported yet: {detail}. Import the original alert first.',
  },
  'monitoring.risk_not_found': {
    status: 404,
    zh: '找不到该风险点：{detail}',
    en: 'No such risk point: {detail}',
  },
  'monitoring.no_department': {
    status: 400,
    zh: '请指明部门：您的账号未关联部门，请在查询中给出 departmentId。',
    en: 'Name a department: your account has none, so give departmentId in the query.',
  },
  'forces.member_not_found': {
    status: 404,
    zh: '本队名册中没有该队员：{detail}',
    en: 'No such member on this team’s roll: {detail}',
  },
  'forces.member_not_linked': {
    status: 404,
    zh: '您的账号尚未关联到队员名册。请联系队长在名册中关联您的账号。',
    en: 'Your account is not linked to a member record yet. Ask your team leader to link it on the roll.',
  },
  'forces.account_not_linkable': {
    status: 409,
    zh: '只能关联本队的队员或队长账号（{detail}）。请核对账号，或请管理员先将其加入本队。',
    en: 'Only an account of this team (a member or its leader) can be linked ({detail}). Check the account, or ask the administrator to add it to the team first.',
  },
  'forces.renewal_not_due': {
    status: 409,
    zh: '备案有效期届满前 {detail} 天内才可提交续期。',
    en: 'A renewal can be handed in only within {detail} days before the approval ends.',
  },
  'forces.session_not_found': {
    status: 404,
    zh: '找不到该训练记录：{detail}',
    en: 'No such training session: {detail}',
  },
  'forces.attendee_not_member': {
    status: 409,
    zh: '出勤名单中有不在本队名册上的人员：{detail}。请先将其加入名册。',
    en: 'The attendance lists people who are not on the team’s roll: {detail}. Add them to the roll first.',
  },
  'forces.session_from_drill': {
    status: 409,
    zh: '该记录来自演练（{detail}），由演练模块维护，不能手工修改。',
    en: 'This session comes from a drill run ({detail}) and is kept by the drills module; it cannot be edited by hand.',
  },
  'forces.export_too_large': {
    status: 400,
    zh: '导出结果超过 {detail} 行。请增加筛选条件（如能力、状态或区域）后再导出。',
    en: 'The export would exceed {detail} rows. Narrow it with filters (capability, status or area) and export again.',
  },
  'requisition.incident_unknown': {
    status: 404,
    zh: '未找到事件 {detail}，或该事件尚未同步到征用模块。请核对事件编号，稍候片刻再试。',
    en: 'Incident {detail} is unknown here, or has not reached the requisition module yet. Check the id and try again shortly.',
  },
  'requisition.incident_ended': {
    status: 409,
    zh: '该事件的应急响应已结束（{detail}），不能再征用、批准或交付财产；未归还的财产应当及时返还。',
    en: 'The response to this incident has ended ({detail}): no more requisitions, approvals or hand-overs; what is still held must be returned.',
  },
  'requisition.order_not_found': {
    status: 404,
    zh: '找不到征用单：{detail}',
    en: 'No such requisition order: {detail}',
  },
  'requisition.item_not_found': {
    status: 404,
    zh: '该征用单中没有此项财产：{detail}',
    en: 'The order has no such item: {detail}',
  },
  'requisition.claim_not_found': {
    status: 404,
    zh: '找不到补偿案件：{detail}',
    en: 'No such compensation claim: {detail}',
  },
  'requisition.objection_not_found': {
    status: 404,
    zh: '找不到异议：{detail}',
    en: 'No such objection: {detail}',
  },
  'requisition.wrong_status': {
    status: 409,
    zh: '当前状态不允许此操作：{detail}',
    en: 'The current status does not allow this: {detail}',
  },
  'requisition.self_approval': {
    status: 403,
    zh: '不能批准自己提出的征用申请或自己作出的补偿评估（{detail}），请由另一位负责人审批。',
    en: 'You cannot approve a requisition you requested or a compensation you assessed ({detail}); ask another official.',
  },
  'requisition.self_review': {
    status: 403,
    zh: '不能复核自己作出的决定，请由另一位负责人审查该异议。',
    en: 'You cannot review your own decision; another official must review this objection.',
  },
  'requisition.not_commander': {
    status: 403,
    zh: '只有该事件的指挥长（或值班员、管理员）可以执行此操作。',
    en: 'Only a commander of this incident (or a duty officer or administrator) can do this.',
  },
  'requisition.not_handed_over': {
    status: 409,
    zh: '财产 {detail} 尚未交付，不能登记使用或归还；请先登记交付。',
    en: 'Item {detail} has not been handed over, so it cannot be used or returned; record the hand-over first.',
  },
  'requisition.items_outstanding': {
    status: 409,
    zh: '还有财产未归还或未处理（{detail}），归还、灭失或消耗登记后才能评估补偿。',
    en: 'Some items are not back or settled yet ({detail}); record their return, loss or consumption before assessing.',
  },
  'requisition.below_paid': {
    status: 409,
    zh: '决定金额不能低于已支付金额（{detail} 分）。',
    en: 'The decided amount cannot be less than what has already been paid ({detail} fen).',
  },
  'requisition.payment_duplicate': {
    status: 409,
    zh: '该补偿案件已登记过支付凭证号 {detail} 的付款，未重复登记。',
    en: 'A payment with reference {detail} is already recorded on this claim; it was not recorded twice.',
  },
  'requisition.objection_open': {
    status: 409,
    zh: '该补偿案件已有一项异议正在处理，请等待其决定。',
    en: 'An objection to this claim is already being handled; wait for its decision.',
  },
  'requisition.not_your_claim': {
    status: 403,
    zh: '只有本队队长可以就本队的调用补偿提出异议或登记保险理赔。',
    en: 'Only the leader of this team can object to its call-up compensation or record its insurance claims.',
  },
  'requisition.lookup_failed': {
    status: 404,
    zh: '凭证编号或查验码不正确。请核对征用凭证上的编号和查验码后重试。',
    en: 'The certificate number or verification code is wrong. Check both on the requisition certificate and try again.',
  },
  'requisition.lookup_throttled': {
    status: 429,
    zh: '查询失败次数过多，请在 {detail} 秒后再试。',
    en: 'Too many failed look-ups; try again in {detail} s.',
  },
  'drills.run_not_found': {
    status: 404,
    zh: '没有这次演练：{detail}',
    en: 'No such drill run: {detail}',
  },
  'drills.wrong_status': {
    status: 409,
    zh: '演练当前状态不允许此操作：{detail}',
    en: 'The drill run is not in a state that allows this: {detail}',
  },
  'drills.scenario_invalid': {
    status: 400,
    zh: '演练脚本有误：{detail}。请按行号修改后重试。',
    en: 'The scenario file is invalid: {detail}. Fix the lines named and try again.',
  },
  'response.incident_not_found': {
    status: 404,
    zh: '找不到该突发事件：{detail}',
    en: 'No such incident: {detail}',
  },
  'response.report_not_found': {
    status: 404,
    zh: '找不到该信息报告：{detail}',
    en: 'No such report: {detail}',
  },
  'response.plan_not_found': {
    status: 404,
    zh: '找不到该应急预案：{detail}',
    en: 'No such emergency plan: {detail}',
  },
  'response.task_not_found': {
    status: 404,
    zh: '找不到该任务：{detail}',
    en: 'No such task: {detail}',
  },
  'response.wrong_status': {
    status: 409,
    zh: '事件当前状态（{detail}）不允许此操作。',
    en: 'The incident’s current status ({detail}) does not allow this.',
  },
  'response.report_submitted': {
    status: 409,
    zh: '该报告已报送，不能再修改。如需更正，请新建一份报告，并在 corrects 中填写原报告编号。',
    en: 'This report has been submitted and cannot change. To correct it, file a new report with corrects set to its id.',
  },
  'response.report_exists': {
    status: 409,
    zh: '本事件已报送过{detail}。如需更正，请新建报告并在 corrects 中填写原报告编号。',
    en: 'This incident already has a submitted {detail}. To correct it, file a new report with corrects set to its id.',
  },
  'response.correction_invalid': {
    status: 409,
    zh: '被更正的报告须是本事件同类、已报送的报告：{detail}',
    en: 'The corrected report must be a submitted report of the same incident and kind: {detail}',
  },
  'response.final_before_end': {
    status: 409,
    zh: '应急响应尚未终止，终报须在响应终止后报送；响应期间请报送续报。',
    en: 'The response is still active: the final report comes after it is terminated; send follow-up reports meanwhile.',
  },
  'response.commander_invalid': {
    status: 409,
    zh: '指挥长须为在用的“指挥长”角色账号：{detail}',
    en: 'The commander must be an active account with the commander role: {detail}',
  },
  'response.no_plan': {
    status: 409,
    zh: '没有适用于该事件类型（{detail}）的应急预案。请先发布预案，或在 planId 中指定一个预案。',
    en: 'No emergency plan covers this incident type ({detail}). Publish one first, or name one in planId.',
  },
  'response.plan_mismatch': {
    status: 409,
    zh: '所选预案不适用于该事件：{detail}',
    en: 'The chosen plan does not cover this incident: {detail}',
  },
  'response.plan_category_fixed': {
    status: 409,
    zh: '预案修订不能改变事件类别（原为 {detail}）；不同类别请新建预案。',
    en: 'A revision cannot change the plan’s category (it is {detail}); create a new plan for another category.',
  },
  'response.level_unchanged': {
    status: 409,
    zh: '调整须改变响应级别或更换指挥长；当前已是 {detail}。',
    en: 'An adjustment must change the level or the commander; the level is already {detail}.',
  },
  'response.not_commanding': {
    status: 403,
    zh: '您不是该事件的指挥长，不能调整其响应。',
    en: 'You do not command this incident, so you cannot change its response.',
  },
  'response.not_your_task': {
    status: 403,
    zh: '该任务属于 {detail}，只有该部门或应急办可以更新。',
    en: 'This task belongs to {detail}; only that department or the emergency office may update it.',
  },
  'response.final_report_missing': {
    status: 409,
    zh: '关闭事件前须报送终报（核报）：关闭后事件中的个人信息将被销毁。',
    en: 'Submit the final report before closing: closing destroys the personal information gathered for the incident.',
  },
  // Call-ups, dispatch and deployment (forces module, issue 4).
  'forces.incident_unknown': {
    status: 404,
    zh: '应急力量模块尚不知道该事件（{detail}）：事件刚上报时请稍候几秒再试。',
    en: 'The forces module does not know incident {detail} yet: if it was just reported, try again in a few seconds.',
  },
  'forces.incident_closed': {
    status: 409,
    zh: '事件 {detail} 已结束，不能再调用或部署队伍。',
    en: 'Incident {detail} is closed: no more call-ups or deployments for it.',
  },
  'forces.not_incident_commander': {
    status: 403,
    zh: '只有值班员或该事件的指挥长可以执行此操作。',
    en: 'Only a duty officer or this incident’s commander can do this.',
  },
  'forces.callup_not_found': {
    status: 404,
    zh: '找不到该调用令：{detail}',
    en: 'No such call-up: {detail}',
  },
  'forces.callup_closed': {
    status: 409,
    zh: '该调用令已关闭，不能再派发或应答。如仍需力量，请下达新的调用令。',
    en: 'This call-up is closed: nothing more can be dispatched or answered. Order a new call-up if forces are still needed.',
  },
  'forces.team_not_eligible': {
    status: 409,
    zh: '队伍 {detail} 不符合本次调用条件，请查看匹配预览中的原因。',
    en: 'Team {detail} is not eligible for this call-up; see the reasons in the matching preview.',
  },
  'forces.team_already_alerted': {
    status: 409,
    zh: '队伍 {detail} 已在本调用令中被通知过，不能重复通知。',
    en: 'Team {detail} has already been alerted for this call-up and cannot be alerted again.',
  },
  'forces.no_alert': {
    status: 404,
    zh: '该队伍在本调用令中没有通知记录。',
    en: 'This team has no alert on this call-up.',
  },
  'forces.already_answered': {
    status: 409,
    zh: '本队已对该通知作出不同的应答（{detail}），不能更改。如情况有变，请联系值班员。',
    en: 'Your team already answered this alert differently ({detail}); it cannot be changed. Call the duty officer if things changed.',
  },
  'forces.ack_deadline_passed': {
    status: 409,
    zh: '应答时限已过（{detail}），通知已转给其他队伍。如仍能出动，请直接联系值班员。',
    en: 'The answer deadline passed ({detail}) and the alert moves to another team. Call the duty officer if you can still come.',
  },
  'forces.deployed_elsewhere': {
    status: 409,
    zh: '本队正在事件 {detail} 中执行任务，须先撤离才能接受新的调用。',
    en: 'Your team is deployed to incident {detail}; it must be stood down there before accepting another call-up.',
  },
  'forces.not_deployed': {
    status: 409,
    zh: '该队伍当前未在此调用中部署（状态：{detail}）。',
    en: 'The team is not deployed on this call-up (it is {detail}).',
  },
  'forces.deployment_transition': {
    status: 409,
    zh: '部署状态不能这样变更（{detail}）。到场须先报到。',
    en: 'The deployment status cannot change this way ({detail}). Reaching the scene is recorded by checking in.',
  },
  'forces.not_deployed_now': {
    status: 409,
    zh: '本队当前没有部署任务，不需要上报位置。',
    en: 'Your team is not deployed now, so no position is needed.',
  },
  'forces.position_too_frequent': {
    status: 429,
    zh: '位置上报过于频繁，请 {detail} 毫秒后再报。',
    en: 'Positions are reported too often; report again in {detail} ms.',
  },
  'forces.position_time': {
    status: 400,
    zh: '位置时间不合理（{detail}）：请检查设备时钟。',
    en: 'The position’s time is implausible ({detail}): check the device clock.',
  },
  'service.unavailable': {
    status: 503,
    zh: '服务暂时不可用（{detail}），请稍后重试。',
    en: 'The service is temporarily unavailable ({detail}); try again shortly.',
  },
  internal: {
    status: 500,
    zh: '服务器内部错误，已记录。请稍后重试，或凭请求编号联系值班人员。',
    en: 'Internal error, logged. Try again later, or quote the request id to the duty officer.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;
export const ERROR_CODES = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];

/** One problem with one field of a request; `path` names it, e.g. `body.area.coordinates.0`. */
export const ZFieldIssue = z.object({ path: z.string(), message: z.string() });
export type TFieldIssue = z.infer<typeof ZFieldIssue>;

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    messageZh: z.string(),
    issues: z.array(ZFieldIssue).optional(),
    requestId: z.string().optional(),
  }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

export function errorMessages(code: ErrorCode, detail = ''): { zh: string; en: string } {
  const spec: ErrorSpec = errorCatalog[code];
  return { zh: spec.zh.replace('{detail}', detail), en: spec.en.replace('{detail}', detail) };
}

/** The one error type of the product; the HTTP layer maps its code to a status in one place. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly issues: TFieldIssue[] | undefined;

  constructor(code: ErrorCode, detail = '', issues?: TFieldIssue[]) {
    super(errorMessages(code, detail).en);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.issues = issues;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

/** Turns zod issues into field issues, prefixing where the value came from (`body`, `query`, …). */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], where?: string): TFieldIssue[] {
  return issues.map((i) => ({
    path:
      [where, ...i.path.map(String)].filter((p) => p !== undefined && p !== '').join('.') ||
      '(root)',
    message: i.message,
  }));
}

/** A surrogate half without its other half: not Unicode text, and not storable as such. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What keeps a string out of a text or JSON column, if anything. */
function unstorable(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (a lone surrogate half)';
  return undefined;
}

/**
 * Strings in a parsed input that PostgreSQL cannot store (U+0000, which no text or JSON column
 * holds; a lone surrogate half, which JSON columns refuse), as field issues: an input carrying
 * one is refused as a whole, whichever field — or key — it is in.
 */
export function unstorableTextIssues(value: unknown, where: string): TFieldIssue[] {
  const found: TFieldIssue[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (found.length >= 20) return;
    if (typeof v === 'string') {
      const message = unstorable(v);
      if (message) found.push({ path: [where, ...path].join('.'), message });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (
      v !== null &&
      typeof v === 'object' &&
      Object.getPrototypeOf(v) === Object.prototype
    ) {
      for (const [k, item] of Object.entries(v)) {
        const message = unstorable(k);
        if (message) found.push({ path: [where, ...path, k].join('.'), message });
        walk(item, [...path, k]);
      }
    }
  };
  walk(value, []);
  return found;
}

/** Summarises field issues for the human message: the first few paths with their problem. */
export function describeIssues(issues: readonly TFieldIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  return issues.length > 3 ? `${shown.join('; ')} (+${issues.length - 3})` : shown.join('; ');
}
