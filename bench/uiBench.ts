import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DATABASE_FILE } from '../electron/service/KycService';
import { startServe, type RunningServer } from '../test/helpers/serveProcess';
import { launchChromium } from '../test/helpers/chromium';
import { BENCH_PASSWORD, buildLargeStore, benchCaseCount, DEFAULT_BENCH_CASES } from './buildLargeStore';
import { round, summarize, type Summary } from './stats';
import type { BenchContext, BenchGroup, Metric } from './types';
import { FILTER_TO_ROWS, OPEN_CASE_TO_IMAGES, FLING_FRAMES } from './uiBenchProbes';

/**
 * The `ui` group: the renderer in real Chromium (playwright-core) against `npm run serve` on
 * a 100,000-case store. Every figure is taken inside the page with performance.now() and
 * requestAnimationFrame, so the Playwright round trip is not part of it:
 * - filter to rows: a status tab or risk filter changed, until its first rows are drawn;
 * - open case to images: a queue row clicked, until every document image has decoded
 *   (the page is reloaded first, so no image is already cached);
 * - scroll frames: the time between frames while the list is flung through, decelerating.
 *
 * BENCH_UI_STORE=DIR reuses (or builds once into) DIR instead of a fresh temp store.
 */

const OFFICER = 'officer1@bench.kyc';
const FILTER_WARMUP = 4;
const FILTER_RUNS = 40;
const OPEN_WARMUP = 2;
const OPEN_RUNS = 20;
const FLINGS = 8;

const ms = (x: number) => `${round(x, 1)} ms`;
const detail = (s: Summary) => `p50 ${ms(s.p50)}, max ${ms(s.max)}, n=${s.n}`;

async function prepareStore(ctx: BenchContext): Promise<{ dataDir: string; cleanup(): void; buildMs: number }> {
  const reuse = process.env.BENCH_UI_STORE;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'kyc-bench-ui-'));
  const cleanup = () => {
    if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  };
  if (reuse && existsSync(join(dataDir, DATABASE_FILE))) {
    ctx.log(`ui: reusing the store in ${dataDir}`);
    return { dataDir, cleanup, buildMs: 0 };
  }
  const cases = benchCaseCount();
  ctx.log(`ui: building ${cases.toLocaleString('en')} cases in ${dataDir}`);
  const store = await buildLargeStore({ dataDir, cases, log: ctx.log });
  ctx.log(`ui: built in ${(store.buildMs / 1000).toFixed(1)} s`);
  return { dataDir, cleanup, buildMs: store.buildMs };
}

/**
 * A production build of the renderer, whatever the last build was: serve rebuilds only when
 * sources change, and a build started under vitest (NODE_ENV=test) bundles React's dev build,
 * which is several times slower and would make these figures meaningless.
 */
function buildRendererForProduction(ctx: BenchContext): void {
  ctx.log('ui: building the renderer (production)');
  const root = join(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`the renderer build failed (exit ${r.status})`);
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(OFFICER);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.queue-row').first().waitFor({ timeout: 60_000 });
}

/** Runs one in-page probe (a self-contained function source) and returns its number. */
async function probe(page: Page, source: string, arg: unknown): Promise<number> {
  const value = await page.evaluate(`(${source})(${JSON.stringify(arg)})`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`probe returned ${String(value)}`);
  return value;
}

async function measureFilters(page: Page): Promise<number[]> {
  // Each step is a different filter from the one before, so every change really refetches.
  // (The bench store has no engine results, so the engine and risk filters would only ever
  // show the empty state; the assignee filter has rows.)
  const steps: { chip?: string; select?: string; value?: string }[] = [
    { chip: 'Submitted' },
    { chip: 'In review' },
    { select: 'Assignee', value: 'unassigned' },
    { chip: 'Approved' },
    { select: 'Assignee', value: '' },
    { chip: 'Rejected' },
    { chip: 'All' },
    { select: 'Assignee', value: 'me_or_unassigned' },
    { chip: 'Awaiting second review' },
    { select: 'Assignee', value: '' },
  ];
  const samples: number[] = [];
  for (let i = 0; i < FILTER_WARMUP + FILTER_RUNS; i++) {
    const t = await probe(page, FILTER_TO_ROWS, steps[i % steps.length]);
    if (i >= FILTER_WARMUP) samples.push(t);
  }
  return samples;
}

async function measureOpenCase(page: Page, url: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < OPEN_WARMUP + OPEN_RUNS; i++) {
    // A fresh page load each time: no image of an earlier case is in the renderer's cache.
    await page.goto(`${url}/#/`);
    await page.reload();
    await page.getByRole('button', { name: /^In review/ }).click();
    await page.locator('[data-testid="queue-scroll"][aria-busy="false"] .queue-row').first().waitFor();
    const t = await probe(page, OPEN_CASE_TO_IMAGES, { index: i % 12 });
    if (i >= OPEN_WARMUP) samples.push(t);
  }
  return samples;
}

async function measureScroll(page: Page, url: string): Promise<{ frames: number[]; rowsSeen: number }> {
  await page.goto(`${url}/#/`);
  await page.reload();
  await page.locator('[data-testid="queue-scroll"][aria-busy="false"] .queue-row').first().waitFor();
  const frames: number[] = [];
  let rowsSeen = 0;
  for (let i = 0; i < FLINGS; i++) {
    const out = (await page.evaluate(`(${FLING_FRAMES})(${JSON.stringify({ down: i < FLINGS - 2 })})`)) as { frames: number[]; deepest: number };
    frames.push(...out.frames);
    rowsSeen = Math.max(rowsSeen, out.deepest);
  }
  return { frames, rowsSeen };
}

async function runUi(ctx: BenchContext): Promise<Metric[]> {
  const store = await prepareStore(ctx);
  buildRendererForProduction(ctx);
  let server: RunningServer | undefined;
  const browser = await launchChromium();
  try {
    server = await startServe(['--data', store.dataDir, '--no-analysis'], 300_000);
    ctx.log(`ui: serve at ${server.url}`);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url);
    // Two cores shared with whatever else runs: each figure says how busy the machine was.
    const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
    const filter = summarize(await measureFilters(page));
    const filterLoad = load();
    ctx.log(`ui: filter to rows ${detail(filter)}`);
    const open = summarize(await measureOpenCase(page, server.url));
    const openLoad = load();
    ctx.log(`ui: open case to images ${detail(open)}`);
    const scroll = await measureScroll(page, server.url);
    const frames = summarize(scroll.frames);
    ctx.log(`ui: fling frames ${detail(frames)}, deepest row ${scroll.rowsSeen}`);
    const metrics: Metric[] = [
      { key: 'queue_filter_to_rows_ms_p95', value: filter.p95, unit: 'ms', target: { kind: 'max', value: 150 }, detail: `${detail(filter)}; ${filterLoad}` },
      { key: 'open_case_to_images_ms_p95', value: open.p95, unit: 'ms', target: { kind: 'max', value: 400 }, detail: `${detail(open)}; cold image cache; ${openLoad}` },
      { key: 'scroll_frame_ms_p95', value: frames.p95, unit: 'ms', target: { kind: 'max', value: 20 }, detail: `${detail(frames)}; ${FLINGS} flings, down to row ${scroll.rowsSeen}; ${load()}` },
    ];
    if (store.buildMs > 0) metrics.unshift({ key: 'ui_store_build_s', value: store.buildMs / 1000, unit: 's', tableOnly: true, detail: 'not in JSON' });
    return metrics;
  } finally {
    await browser.close();
    await server?.stop();
    store.cleanup();
  }
}

export const uiGroup: BenchGroup = {
  name: 'ui',
  description: `renderer in Chromium against serve, ${DEFAULT_BENCH_CASES.toLocaleString('en')}-case store: filter to rows, open case to images, fling frame time`,
  run: runUi,
};
