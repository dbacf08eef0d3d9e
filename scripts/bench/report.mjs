// Turns benchmark samples into a markdown section, and keeps docs/benchmarks.md as one section
// per scenario (re-running a scenario replaces only its own section).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { summarize } from './bench-stats.mjs';

const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** 1-minute load average: on a shared 2-core machine it says how much the figures can be trusted. */
export const currentLoad = () => loadavg()[0].toFixed(2);

export function machineDescription(browserVersion, loadAtStart) {
  const cpu = cpus();
  return [
    `CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${platform()} ${release()}`,
    `Node ${process.versions.node}`,
    `browser: ${browserVersion}`,
    `load average (1 min) at start ${loadAtStart}, at end ${currentLoad()}`,
  ].join(' · ');
}

export function scenarioSection({ id, title, description, samples, machine, budget, completeness, date }) {
  const base = summarize(samples.without);
  const ext = summarize(samples.with);
  const ratio = ext.median / base.median;
  const pairRatios = samples.with.map((v, i) => v / samples.without[i]);
  const pairSummary = summarize(pairRatios);
  const verdict = ratio <= budget ? `within the ${budget}× budget` : `OVER the ${budget}× budget`;
  const row = (name, s) => `| ${name} | ${s.n} | ${fmt(s.median)} | ${fmt(s.min)} – ${fmt(s.max)} | ±${s.madPct.toFixed(1)} % |`;
  return [
    `<!-- bench:${id}:start -->`,
    `## ${title}`,
    '',
    description,
    '',
    '| run | reps | median | min – max | MAD |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('without extension', base),
    row('with extension', ext),
    '',
    `Ratio of medians: **${ratio.toFixed(3)}×** (${verdict}); paired ratios median ${pairSummary.median.toFixed(3)}×, range ${pairSummary.min.toFixed(3)}–${pairSummary.max.toFixed(3)}.`,
    `Completeness with the extension: ${completeness}.`,
    '',
    `Measured ${date} on ${machine}.`,
    `Raw samples (ms), without: ${samples.without.map((v) => v.toFixed(0)).join(', ')}; with: ${samples.with.map((v) => v.toFixed(0)).join(', ')}.`,
    `<!-- bench:${id}:end -->`,
  ].join('\n');
}

const header = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs); each scenario's section is replaced when it is
re-run. Runs alternate between the same headless browser without and with the extension, a fresh
browser per sample, on 127.0.0.1 only. Timing is measured in the page (performance.now()) from
sending the request to receiving the last message. \`npm run bench -- --quick\` (CI) checks
completeness only and writes nothing here. Each section gives the 1-minute load average: on
this 2-core machine a load well above 2 means other work shared the cores during the run, and
the ratio is then only a rough figure — re-run on a quiet machine before judging the budget.
`;

export function writeSection(file, id, section) {
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const re = new RegExp(`<!-- bench:${id}:start -->[\\s\\S]*?<!-- bench:${id}:end -->`);
  doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
}
