/** Whether a dialog (an image viewer, a form, the shortcuts list) is open: page shortcuts then leave the keys to it. */
export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}
