// Pure conversions between what the options page shows (text fields) and the stored settings,
// each with the message shown inline when the text is not acceptable.

import { checkHostPattern } from '../settings/host-pattern';
import { MAX_PAYLOAD_CAP_BYTES, MAX_RETENTION_DAYS, MIN_PAYLOAD_CAP_BYTES, MIN_RETENTION_BYTES } from '../settings/settings-normalise';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MIB = 1024 * 1024;

/** One host pattern per line; blank lines ignored. Every bad line is named. */
export function parseHostLines(text: string): Parsed<string[]> {
  const out: string[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const check = checkHostPattern(line);
    if (!check.ok) errors.push(`Line ${i + 1}: ${check.message}`);
    else if (!out.includes(check.pattern)) out.push(check.pattern);
  });
  return errors.length > 0 ? { ok: false, message: errors.join(' ') } : { ok: true, value: out };
}

/** One JSON key per line (or comma-separated); blank entries ignored. */
export function parseKeyLines(text: string): Parsed<string[]> {
  const keys = text
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const long = keys.find((k) => k.length > 256);
  if (long) return { ok: false, message: `"${long.slice(0, 20)}…" is longer than 256 characters.` };
  return { ok: true, value: [...new Set(keys)] };
}

function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** Payload cap in KiB (whole), 1 KiB = 1024 bytes. */
export function parsePayloadCapKiB(text: string): Parsed<number> {
  const n = wholeNumber(text);
  const max = MAX_PAYLOAD_CAP_BYTES / 1024;
  if (n === undefined || n * 1024 < MIN_PAYLOAD_CAP_BYTES || n > max) return { ok: false, message: `Enter a whole number of KiB from 1 to ${max}.` };
  return { ok: true, value: n * 1024 };
}

export function parseRetentionDays(text: string): Parsed<number> {
  const n = wholeNumber(text);
  if (n === undefined || n > MAX_RETENTION_DAYS) return { ok: false, message: `Enter a whole number of days from 0 (keep forever) to ${MAX_RETENTION_DAYS}.` };
  return { ok: true, value: n };
}

/** Total size in MB (MiB, whole); 0 = no limit but the browser's quota. */
export function parseRetentionMb(text: string): Parsed<number> {
  const n = wholeNumber(text);
  if (n === undefined) return { ok: false, message: 'Enter a whole number of MB, or 0 for no limit.' };
  if (n !== 0 && n * MIB < MIN_RETENTION_BYTES) return { ok: false, message: `Enter 0 or at least ${MIN_RETENTION_BYTES / MIB} MB.` };
  if (n > 1024 * 1024) return { ok: false, message: 'Enter at most 1048576 MB (1 TiB).' };
  return { ok: true, value: n * MIB };
}

export const bytesToKiB = (b: number) => String(Math.round(b / 1024));
export const bytesToMb = (b: number) => String(Math.round(b / MIB));
