/**
 * `ltc changes status CHANGE_ID [--wait] [--interval MS]`: how far a reference change's
 * re-adjudication has got (GET /reference-changes/{changeId}, as the bureau). Without `--wait` it
 * prints the status as JSON and exits 0 when the change is done, 1 otherwise; with `--wait` it prints
 * `partitions done/total (state)` whenever that moves, then the final status, and exits 0.
 * The change id is the `changeId` a PUT of a person, institution or policy answered with.
 */
import { ApiClient } from './api-client.ts';
import { apiUrl, tokenFor } from './local.ts';

interface ChangeStatus {
  readonly changeId: string;
  readonly total: number;
  readonly done: number;
  readonly state: 'fanning-out' | 'running' | 'done';
}

const USAGE = 'usage: ltc changes status CHANGE_ID [--wait] [--interval MS] [--api URL] [--token T]';

const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The line `--wait` prints for a status. */
export function progressLine(s: ChangeStatus): string {
  return `${s.changeId}: partitions ${s.done}/${s.total}${s.state === 'fanning-out' ? ' (still fanning out)' : s.state === 'done' ? ' (done)' : ''}`;
}

export async function changes(
  root: string,
  args: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const [sub, ...rest] = args;
  const valued = new Set(['--interval', '--api', '--token']);
  const changeId = rest.find((a, i) => !a.startsWith('--') && !valued.has(rest[i - 1] ?? ''));
  if (sub !== 'status' || !changeId) throw new Error(USAGE);
  const interval = Number(option(rest, '--interval') ?? 500);
  if (!Number.isFinite(interval) || interval < 0) throw new Error('--interval needs milliseconds');
  const client = new ApiClient(apiUrl(root, rest), await tokenFor(root, rest, { role: 'bureau' }));
  const read = () => client.call<ChangeStatus>('GET', `/reference-changes/${encodeURIComponent(changeId)}`);
  let status = await read();
  if (!rest.includes('--wait')) {
    out(JSON.stringify(status, null, 2));
    return status.state === 'done' ? 0 : 1;
  }
  let shown = '';
  for (;;) {
    const line = progressLine(status);
    if (line !== shown) out(line);
    shown = line;
    if (status.state === 'done') break;
    await new Promise((r) => setTimeout(r, interval));
    status = await read();
  }
  out(JSON.stringify(status, null, 2));
  return 0;
}
