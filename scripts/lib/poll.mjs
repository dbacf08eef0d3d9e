// Waiting on a condition in scripts, never on a fixed sleep (the tests' twin is test/harness/waits.ts).

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Retries until `fn` returns something other than undefined, or throws `${what} within … ms`
 * after `timeoutMs`. A throwing `fn` counts as not yet: its last error is in the message.
 */
export async function poll(what, fn, { timeoutMs = 30_000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms${lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : ''}`);
    }
    await sleep(intervalMs);
  }
}
