/** 管理员的备份页面：存储的加密副本，保存位置和频率。简体中文。 */
export const backupsZhCN = {
  title: '备份',
  intro: '整个存储（案件、证据、审计记录）的加密副本，保存在本机或已挂载磁盘的文件夹中。使用 npm run restore 恢复到新文件夹；仅当口令正确且审计链校验通过时才会恢复。',
  schedule: '位置与频率',
  dir: '文件夹（绝对路径）',
  keep: '保留的每日备份数',
  passphrase: '口令（至少 12 个字符）',
  passphraseReplace: '新口令（留空则保持不变）',
  daily: '每天备份',
  save: '保存',
  note: '请将口令另行保存：没有口令任何备份都无法恢复。口令以密封方式存储，不会再次显示。',
  last: '最近一次备份',
  lastOk: '{{at}}：{{file}}',
  lastFailed: '{{at}}：失败（{{error}}）',
  never: '尚无备份。',
  runNow: '立即备份',
  running: '正在备份…',
};
