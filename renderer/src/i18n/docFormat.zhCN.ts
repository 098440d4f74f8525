import type { docFormatEn } from './docFormat.en';

/** 证件号码格式（表单提示与校验提示）。简体中文。 */
export const docFormatZhCN: typeof docFormatEn = {
  person: {
    PASSPORT: '6 到 9 位字母或数字',
    NATIONAL_ID: '4 到 20 位字母、数字或连字符',
    DRIVER_LICENSE: '4 到 20 位字母、数字或连字符',
    NUIP: '10 位数字',
    RFC: '4 个字母、6 位数字（YYMMDD）、3 个字符',
    CURP: '18 个字符（例如 GODE561231HDFRRN09）',
    INE: '18 个字符的选民代码或 13 位 OCR 号码',
    IFE: '18 个字符的选民代码或 13 位 OCR 号码',
    SSN: '9 位数字（AAA-GG-SSSS）',
    DNI: '6 到 12 位字母或数字',
    DUI: '9 位数字（########-#）',
    CPF: '11 位数字（###.###.###-##）',
  },
  company: {
    NIT: '8 到 10 位数字，可带 -校验位',
    EIN: '9 位数字（12-3456789）',
    CNPJ: '14 位数字（12.345.678/0001-95）',
    RFC: '3 个字母、6 位成立日期数字和 3 位字母或数字',
    CUIT: '11 位数字（30-12345678-9）',
    USCC: '18 位字母或数字',
    RUT: '智利：7 或 8 位数字加校验位或 K；乌拉圭：12 位数字',
    REGISTRATION: '2 到 40 位字母、数字、点、斜杠或连字符',
  },
};
