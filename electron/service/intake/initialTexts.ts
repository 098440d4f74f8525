import type { TextKind } from '../../../shared/schemas/intake';

/**
 * Version 1 of the onboarding texts, as shipped and written by migration 0012. Frozen: a
 * customer's consent names this exact wording. Changes go out as new versions through
 * `intake.publishText`, never by editing this file.
 */
export const INITIAL_INTAKE_TEXTS: readonly {
  id: string;
  kind: TextKind;
  title: string;
  text: string;
  zhCN: { title: string; text: string };
  publishedAt: string;
}[] = [
  {
    id: 'kyc_consent',
    kind: 'consent',
    title: 'Consent to identity verification',
    text:
      'I agree that the institution collects and processes my personal data, the images of my identity document, a photo of my face and short video clips of my face, ' +
      'to verify my identity and to meet its anti-money-laundering and know-your-customer obligations. ' +
      'My face is compared with the portrait on my document and checked for liveness by software on this workstation; a compliance officer reviews the result. ' +
      'My data is kept for the period the law requires and is not sold or used for marketing. I may ask for access to or correction of my data at any branch.',
    zhCN: {
      title: '身份核验同意书',
      text:
        '本人同意本机构收集和处理本人的个人资料、身份证件图像、面部照片及面部短视频，用于核验本人身份，并履行反洗钱及了解你的客户（KYC）义务。' +
        '本工作站上的软件会将本人面部与证件照片进行比对并进行活体检测，结果由合规人员审核。' +
        '本人资料按法律规定的期限保存，不会出售或用于营销。本人可在任何网点申请查阅或更正本人资料。',
    },
    publishedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'terms_of_service',
    kind: 'agreement',
    title: 'Account terms and conditions',
    text:
      'These terms govern the account opened after this verification. The customer confirms that the information given is true and complete, ' +
      'agrees to inform the institution of any change, and accepts that the account may be restricted or closed if the information proves false or the verification fails.',
    zhCN: {
      title: '账户条款及细则',
      text: '本条款适用于完成本次核验后开立的账户。客户确认所提供的资料真实、完整，同意在资料变更时通知本机构，并接受如资料不实或核验未通过，账户可能被限制或关闭。',
    },
    publishedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'privacy_notice',
    kind: 'disclosure',
    title: 'Privacy notice',
    text:
      'Personal data collected during onboarding is used for identity verification, sanctions and fraud screening, and regulatory reporting. ' +
      'It may be shared with regulators and law-enforcement authorities when the law requires it. Biometric data (face images and clips) is used only for verification.',
    zhCN: {
      title: '隐私声明',
      text: '开户过程中收集的个人资料用于身份核验、制裁及欺诈筛查以及监管报告。在法律要求时，可能向监管机构及执法机关披露。生物特征资料（面部图像及视频）仅用于身份核验。',
    },
    publishedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'risk_disclosure',
    kind: 'disclosure',
    title: 'Risk disclosure',
    text:
      'Investment and digital-asset services carry a risk of loss, including the loss of the whole amount invested. Past performance does not guarantee future results. ' +
      'The customer confirms having read and understood this disclosure.',
    zhCN: {
      title: '风险披露',
      text: '投资及数字资产服务存在亏损风险，包括损失全部投资金额。过往表现并不保证未来结果。客户确认已阅读并理解本披露。',
    },
    publishedAt: '2026-01-01T00:00:00.000Z',
  },
];
