/** SUBMITTED -> "Submitted", AWAITING_SECOND_REVIEW -> "Awaiting second review", apiToken.created -> "Api token created". */
export function humanise(code: string): string {
  const s = code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
