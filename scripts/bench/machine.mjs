// What the figures were measured on: the same numbers mean little on another machine.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

/** 1-minute load average: on a shared 2-core machine it says how much the figures can be trusted. */
export const currentLoad = () => loadavg()[0].toFixed(2);

function osName() {
  if (existsSync('/etc/os-release')) {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) return `${m[1]} (${platform()} ${release()})`;
  }
  return `${platform()} ${release()}`;
}

/** browsers: { chromium?: 'Chrome/…', firefox?: 'firefox/…' } */
export function machineDescription(browsers, loadAtStart) {
  const cpu = cpus();
  return [
    `CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${osName()}`,
    `Node ${process.versions.node}`,
    `browsers: ${Object.values(browsers).filter(Boolean).join(', ') || 'none'} (headless)`,
    `load average (1 min) at start ${loadAtStart}, at end ${currentLoad()}`,
  ].join(' · ');
}
