import { expect, it } from 'vitest';
import { formatRelative } from './relative-time';

it('formats time since open', () => {
  expect(formatRelative(0)).toBe('+0.000 s');
  expect(formatRelative(1234)).toBe('+1.234 s');
  expect(formatRelative(-12)).toBe('-0.012 s');
  expect(formatRelative(125_010)).toBe('+2:05.010');
  expect(formatRelative(3_600_000)).toBe('+60:00.000');
});
