// The user's extra JSON keys to redact (settings.redactJsonKeys), read from storage.local the way
// the settings contract stores them (src/contracts/settings.ts: one key, merged over the defaults).
// A tiny reader of our own so exports do not depend on the options page's loader module.

import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../contracts/settings';

export async function userRedactJsonKeys(): Promise<string[]> {
  try {
    const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { redactJsonKeys?: unknown } | undefined;
    const keys = stored?.redactJsonKeys;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : DEFAULT_SETTINGS.redactJsonKeys;
  } catch {
    // No storage permission or a broken value: the built-in rules still apply.
    return DEFAULT_SETTINGS.redactJsonKeys;
  }
}
