import type { expiryEn } from './expiry.en';

export const expiryZhCN: typeof expiryEn = {
  title: '此申请已过期',
  explain: '该申请在等待客户期间已有 {{days}} 天没有任何操作。重新开始后，客户可从上次中断处继续；已提交的资料会保留。',
  explainNoDays: '该申请在等待客户期间超过了策略规定的过期天数没有任何操作。重新开始后，客户可从上次中断处继续；已提交的资料会保留。',
  diditExpired: 'Didit 报告其会话 {{id}} 已过期（导入于 {{at}}）：客户未完成该会话。重新开始申请后，客户将获得新的 Didit 会话；已提交的资料会保留。',
  diditKycExpired: 'Didit 报告会话 {{id}} 的验证已过期（导入于 {{at}}）：其核验的证件已失效，因此原批准不再有效。重新开始申请后，将请客户完成新的 Didit 会话；已提交的资料会保留。',
  restart: '重新开始申请',
  restarted: '申请已重新开始，当前状态为进行中。',
};
