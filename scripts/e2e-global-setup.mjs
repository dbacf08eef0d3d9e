// vitest globalSetup for end-to-end tests: the browsers load dist/, so it must match src/.
import { ensureBuilt } from './lib/build-all.mjs';

export default async function setup() {
  await ensureBuilt({ log: () => {} });
}
