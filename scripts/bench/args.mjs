// Command line of `npm run bench`. Pure: parses argv into a plan.
import { parseArgs } from 'node:util';

export const USAGE = `npm run bench -- [--quick] [--browser chromium|firefox|all] [--only id,id…]
                     [--n N] [--reps R] [--configs none,ext,devtools] [--ablate] [--no-scale] [--scale-sizes 100000,1000000] [--profile [--profile-scenario id]] [--no-write]`;

export function parseBenchArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      browser: { type: 'string' },
      only: { type: 'string' },
      n: { type: 'string' },
      reps: { type: 'string' },
      scale: { type: 'boolean' },
      'no-scale': { type: 'boolean' },
      'scale-sizes': { type: 'string' },
      profile: { type: 'boolean' },
      configs: { type: 'string' },
      ablate: { type: 'boolean' },
      'profile-scenario': { type: 'string' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const quick = Boolean(values.quick);
  const browser = values.browser ?? (quick ? 'chromium' : 'all');
  if (!['chromium', 'firefox', 'all'].includes(browser)) throw new Error('--browser must be chromium, firefox or all');
  const positive = (name, v) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new Error(`--${name} must be a positive integer`);
    return x;
  };
  // --ablate: the extension with one stage of the capture path cut off per configuration
  // (scripts/lib/build-all.mjs buildAblation), beside none and ext: where the cost comes from.
  const ablations = ['ablate-listener', 'ablate-no-dispatch', 'ablate-relay-drop', 'ablate-background-drop'];
  const configs = values.ablate ? ['none', ...ablations, 'ext'] : values.configs ? values.configs.split(',') : null;
  if (configs && (!configs.includes('none') || !configs.includes('ext') || configs.some((c) => !['none', 'ext', 'devtools', ...ablations].includes(c)))) {
    throw new Error('--configs must list none and ext, and may add devtools or ablate-listener, ablate-no-dispatch, ablate-relay-drop, ablate-background-drop');
  }
  const sizes = (values['scale-sizes'] ?? '100000,1000000').split(',').map((s) => positive('scale-sizes', s));
  return {
    help: Boolean(values.help),
    quick,
    browsers: browser === 'all' ? ['chromium', 'firefox'] : [browser],
    only: values.only ? new Set(values.only.split(',')) : null,
    n: positive('n', values.n),
    reps: positive('reps', values.reps) ?? (quick ? 1 : 9),
    // Panel and export at scale: in every full run unless --no-scale; never in --quick.
    scale: !quick && !values['no-scale'],
    scaleSizes: sizes,
    profile: Boolean(values.profile),
    configs,
    profileScenario: values['profile-scenario'] ?? null,
    // --quick never writes: its figures are a smoke test, not measurements.
    write: !quick && !values['no-write'],
  };
}
