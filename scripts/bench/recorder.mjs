// The built recorder API (dist/recorder), loaded after the build is known to be fresh.
let mod = null;
export async function loadRecorder() {
  mod ??= await import('../../dist/recorder/index.js');
  return mod;
}
export async function launchInspectedBrowser(opts) {
  return (await loadRecorder()).launchInspectedBrowser(opts);
}
