#!/usr/bin/env node
// `realtime-inspector-record` / `npm run record`: thin shell over parseRecordArgs + record().
// Exit codes: 0 ok, 2 a mistake the user can fix (one line on stderr), 1 anything unexpected.
import { parseRecordArgs, USAGE } from './cli-args';
import { record } from './record';

function fail(message: string, code: number): never {
  process.stderr.write(`record: ${message}\n`);
  process.exit(code);
}

function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' ? code : 1;
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseRecordArgs(argv);
  } catch (err) {
    fail(`${(err as Error).message} (see --help)`, exitCodeOf(err));
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    const result = await record(parsed);
    process.stdout.write(
      `recorded ${result.tabs} tab${result.tabs === 1 ? '' : 's'}, ${result.connections} connection${result.connections === 1 ? '' : 's'}, ${result.events} event${result.events === 1 ? '' : 's'} → ${result.out}\n`,
    );
    parsed.faults.forEach((f, i) => {
      const v = result.verdicts[i];
      if (v) process.stdout.write(`fault ${f.text}: ${v.status}${v.defects.length ? ` (${v.defects.join(', ')})` : ''}: ${v.message}\n`);
    });
    if (parsed.expectRecovery && result.verdicts.some((v) => v.status !== 'recovered')) process.exitCode = 3;
  } catch (err) {
    const code = exitCodeOf(err);
    fail(code === 1 ? ((err as Error).stack ?? String(err)) : (err as Error).message, code);
  }
}

await main(process.argv.slice(2));
