import type { apiTokensEn } from './apiTokens.en';

/** API 令牌页面（管理员）：简体中文。 */
export const apiTokensZhCN: typeof apiTokensEn = {
  title: 'API 令牌',
  intro: '其他系统可使用令牌调用 kycService REST API（/api/web/kycService/…），请求头为 Authorization: Bearer <令牌>。每次调用都会以令牌名称记入审计日志。',
  create: {
    heading: '新建令牌',
    name: '名称',
    namePlaceholder: '例如 crm-sync',
    nameRules: '只能使用字母、数字、空格、点、连字符和下划线。',
    role: '权限',
    roles: { branch_staff: '仅开户', officer: '开户与审核（管理接口）' },
    submit: '创建令牌',
    busy: '正在创建…',
  },
  created: {
    heading: '已创建令牌“{{name}}”',
    once: '请立即复制：令牌只显示这一次。本工作站只保存其哈希值。',
    copy: '复制',
    copied: '已复制',
    done: '完成',
  },
  list: {
    heading: '令牌列表',
    name: '名称',
    role: '权限',
    createdBy: '创建人',
    createdAt: '创建时间',
    lastUsed: '最近使用',
    status: '状态',
    never: '从未使用',
    active: '有效',
    revoked: '已于 {{at}} 吊销',
    revoke: '吊销',
    revoking: '正在吊销…',
    confirmRevoke: '确定吊销令牌“{{name}}”？使用它的系统将立即无法访问。',
    empty: '尚无 API 令牌',
    emptyHint: '请为每个调用 REST API 的系统分别创建令牌，以便在审计日志中区分。',
  },
};
