import type { BuildEnvironmentOptions } from 'vite';

/**
 * Build options the renderer gets from both its builds (electron-vite's and `npm run build:web`'s).
 * Fonts are always emitted as files: Vite would inline the small ones (Noto Sans SC subsets under
 * 4 KB) as data: URLs, which the CSP's `font-src 'self'` blocks, so some Chinese characters would
 * fall back to whatever font the machine has.
 */
export const rendererBuild: Pick<BuildEnvironmentOptions, 'assetsInlineLimit'> = {
  assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
};
