// Per-URL-pattern field overrides: `*` matches any run of characters, the rest literally, and the
// pattern must match the whole URL.

import type { FieldOverride } from './types';

export function globToRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** The override for a URL: undefined when none matches (detect), null when detection is off. */
export function overrideFor(url: string, overrides: readonly FieldOverride[] | undefined): string | null | undefined {
  if (!overrides) return undefined;
  for (const o of overrides) if (globToRegExp(o.urlPattern).test(url)) return o.path;
  return undefined;
}
