import type { validationEn } from './validation.en';

/** 表单校验提示（按共享 schema 检查所带的 `params.words` 键）。简体中文。 */
export const validationZhCN: typeof validationEn = {
  dateFormat: '请按 YYYY-MM-DD 格式填写日期。',
  notADate: '这不是有效的日历日期。',
  country: '请从列表中选择国家或地区。',
  email: '请输入有效的电子邮箱地址，例如 name@example.com。',
  phone: '请输入带国家区号的号码，例如 +573001234567。',
  naics: 'NAICS 代码为 2 到 6 位数字。',
  underage: '客户须年满 {{age}} 岁。',
  birthInFuture: '出生日期不能晚于今天。',
  foundedInFuture: '成立日期不能晚于今天。',
  expiryBeforeIssue: '有效期早于签发日期。',
  documentCountry: '所选国家或地区不签发{{type}}。',
  documentFormat: '{{type}}：号码格式应为 {{format}}。',
  checkDigit: '{{type}}：号码校验位不正确，请与证件核对。',
};
