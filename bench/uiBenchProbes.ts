/**
 * In-page probes for the `ui` bench, as function sources run by `page.evaluate`. They are
 * strings because they run in the browser (DOM types) while the bench compiles for Node; each
 * is self-contained, takes one JSON argument and resolves to its measurement.
 */

/** Shared helpers, spliced into each probe. */
const HELPERS = `
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const afterPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  async function until(test, what) {
    const limit = performance.now() + 15000;
    while (!test()) {
      if (performance.now() > limit) throw new Error('timed out waiting for ' + what);
      await frame();
    }
  }
`;

/**
 * Changes one filter (a status tab, or a select of the filter bar by its label) and resolves with the ms until the
 * list has its rows (or its empty state) on screen.
 */
export const FILTER_TO_ROWS = `async (step) => {
  ${HELPERS}
  const scroller = document.querySelector('[data-testid="queue-scroll"]');
  if (!scroller) throw new Error('no queue on screen');
  // React renders after the event, so "busy" is watched for first: the old filter's rows,
  // still on screen for a moment, must not count as the answer.
  let sawBusy = false;
  const watch = new MutationObserver(() => {
    if (scroller.getAttribute('aria-busy') === 'true') sawBusy = true;
  });
  watch.observe(scroller, { attributes: true, attributeFilter: ['aria-busy'] });
  const t0 = performance.now();
  if (step.chip !== undefined) {
    const chip = [...document.querySelectorAll('.filters .chip')].find((b) => b.textContent.trim().replace(/\\s*\\d+$/, '') === step.chip);
    if (!chip) throw new Error('no status tab ' + step.chip);
    chip.click();
  } else {
    const select = [...document.querySelectorAll('.filter-bar label')].find((l) => l.textContent.startsWith(step.select))?.querySelector('select');
    if (!select) throw new Error('no filter ' + step.select);
    select.value = step.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await until(() => sawBusy && scroller.getAttribute('aria-busy') === 'false' && (scroller.querySelector('.queue-row') || scroller.querySelector('.empty-state')), 'rows');
  watch.disconnect();
  await afterPaint();
  return performance.now() - t0;
}`;

/** Clicks a queue row and resolves with the ms until every document image of the case is decoded. */
export const OPEN_CASE_TO_IMAGES = `async ({ index }) => {
  ${HELPERS}
  const row = document.querySelector('.queue-row[data-index="' + index + '"]') || document.querySelector('.queue-row');
  if (!row) throw new Error('no queue row');
  const t0 = performance.now();
  row.click();
  await until(() => {
    const grid = document.querySelector('.case-page .evidence-grid');
    if (document.querySelector('.case-page section[aria-labelledby="docs-title"] .empty-state')) throw new Error('the case has no documents');
    if (!grid || grid.querySelector('.evidence-skeleton')) return false;
    const imgs = [...grid.querySelectorAll('img')];
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, 'images');
  await afterPaint();
  return performance.now() - t0;
}`;

/**
 * Flings the list like an inertial scroll (fast, then slowing down) and resolves with the
 * time between consecutive frames, and the deepest row index seen.
 */
export const FLING_FRAMES = `async ({ down }) => {
  ${HELPERS}
  const scroller = document.querySelector('[data-testid="queue-scroll"]');
  if (!scroller) throw new Error('no queue on screen');
  await frame();
  const frames = [];
  let v = 600;
  let last = await frame();
  let deepest = 0;
  while (v > 2) {
    scroller.scrollTop += down ? v : -v;
    v *= 0.96;
    const now = await frame();
    frames.push(now - last);
    last = now;
    const rows = scroller.querySelectorAll('[data-index]');
    const end = rows[rows.length - 1];
    if (end) deepest = Math.max(deepest, Number(end.getAttribute('data-index')));
  }
  return { frames, deepest };
}`;
