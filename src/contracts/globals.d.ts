/** Replaced at build time by vite.config.ts `define`. */
declare const __RI_VERSION__: string;
declare const __RI_BROWSER__: 'chrome' | 'firefox';
/**
 * Benchmark ablation builds only (`npm run bench -- --ablate`, RI_ABLATE at build time): which
 * stage of the capture path is cut off. Empty in every real build.
 *  - 'listener': the hook's listeners run and build their records; nothing is buffered or sent;
 *  - 'no-dispatch': records are batched and stringified; batches are not dispatched to the relay;
 *  - 'relay-drop': the relay receives every batch and posts nothing to the background;
 *  - 'background-drop': the background acknowledges every batch and does nothing else with it.
 */
declare const __RI_ABLATE__: '' | 'listener' | 'no-dispatch' | 'relay-drop' | 'background-drop';
