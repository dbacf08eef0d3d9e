/** "Chromium 156" / "Firefox 153" from a user agent string, for the log's producer field. */
export function producerBrowser(userAgent: string): string {
  const firefox = /Firefox\/(\d+(?:\.\d+)?)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  if (chrome) return `Chromium ${chrome[1]}`;
  return userAgent.slice(0, 100) || 'unknown';
}
