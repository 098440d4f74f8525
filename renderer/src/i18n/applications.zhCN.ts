import type { applicationsEn } from './applications.en';

export const applicationsZhCN: typeof applicationsEn = {
  discard: {
    title: '客户尚未提供个人信息就离开了？',
    hint: '放弃将删除此申请：其同意记录、证件和未保存的表单。此操作无法撤销；审计日志只记录此操作发生过。',
    button: '放弃此申请…',
    rowButton: '放弃…',
    rowLabel: '放弃 {{age}}前更新的未完成申请',
    confirm: '放弃此未完成的申请？其同意记录、证件和未保存的表单内容将被永久删除。',
    doneEmpty: '申请已放弃；其中尚未记录任何内容。',
    done: '申请已放弃。已删除：记录 {{records}} 条，存储文件 {{files}} 个。',
  },
  list: {
    showing: '最近更新的 {{count}} 条。',
    more: '显示更多',
    capped: '仅列出最近更新的 {{count}} 条：请使用搜索查找其他客户。',
  },
};
