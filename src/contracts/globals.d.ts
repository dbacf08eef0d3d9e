/** Replaced at build time by vite.config.ts `define`. */
declare const __RI_VERSION__: string;
declare const __RI_BROWSER__: 'chrome' | 'firefox';
