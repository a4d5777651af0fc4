/**
 * Finance at the command line, against the local stack (a finance token is issued here) or a
 * deployed API (`--api URL --token T`): `ltc disbursements import FILE.csv`, `ltc statement --month
 * YYYY-MM [--csv] [--out FILE]`, `ltc close --month YYYY-MM`. Each prints the API's answer and exits
 * 0 on success, 1 when the API refused (the refusal is printed: a rejected file lists its bad lines).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ApiClient } from './api-client.ts';
import { apiUrl, tokenFor } from './local.ts';

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const monthOption = (args: string[], usage: string): string => {
  const month = option(args, '--month');
  if (!month || !/^\d{4}-\d{2}$/.test(month)) throw new Error(usage);
  return month;
};

async function client(root: string, args: string[]): Promise<ApiClient> {
  return new ApiClient(apiUrl(root, args), await tokenFor(root, args, { role: 'finance' }));
}

function print(status: number, body: unknown): number {
  process.stdout.write(typeof body === 'string' ? body : `${JSON.stringify(body, null, 2)}\n`);
  return status >= 200 && status < 300 ? 0 : 1;
}

/** `ltc disbursements import FILE.csv`: the file as it is (BOM and CRLF kept), all or nothing. */
export async function disbursements(root: string, args: string[]): Promise<number> {
  const usage = 'usage: ltc disbursements import FILE.csv [--api URL] [--token T]';
  const [sub, file] = args;
  if (sub !== 'import' || !file || file.startsWith('--')) throw new Error(usage);
  const csv = readFileSync(file, 'utf8');
  const r = await (await client(root, args)).request('POST', '/disbursements', { csv });
  return print(r.status, r.body);
}

/** `ltc statement --month YYYY-MM [--csv] [--out FILE]`. */
export async function statement(root: string, args: string[]): Promise<number> {
  const month = monthOption(args, 'usage: ltc statement --month YYYY-MM [--csv] [--out FILE] [--api URL] [--token T]');
  const csv = args.includes('--csv');
  const r = await (await client(root, args)).request('GET', `/statements/${month}${csv ? '?format=csv' : ''}`);
  // fetch decodes the body without its BOM; Excel needs it back to read the file as UTF-8.
  if (csv && typeof r.body === 'string' && !r.body.startsWith('\uFEFF')) r.body = `\uFEFF${r.body}`;
  const out = option(args, '--out');
  if (out && r.status === 200) {
    writeFileSync(out, typeof r.body === 'string' ? r.body : `${JSON.stringify(r.body, null, 2)}\n`);
    process.stdout.write(`${out}\n`);
    return 0;
  }
  return print(r.status, r.body);
}

/** `ltc close --month YYYY-MM`: final; a second close is refused (409). */
export async function close(root: string, args: string[]): Promise<number> {
  const month = monthOption(args, 'usage: ltc close --month YYYY-MM [--api URL] [--token T]');
  const r = await (await client(root, args)).request('POST', `/months/${month}/close`);
  return print(r.status, r.body);
}
