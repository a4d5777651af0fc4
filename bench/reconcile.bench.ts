/**
 * `npm run bench:reconcile`: the month statement's time for 10,000 and for 1,000,000 claims over the
 * same 300 institutions, on DynamoDB Local, side by side.
 *
 * Pushing a million claims through the adjudicator would take hours on DynamoDB Local, so each case
 * seeds what the adjudicator and the import would have written: the registry, one ledger entry per
 * claim (`E#…`), the running totals (`TOTAL`) those entries add up to, the payments (`PAID`) and the
 * control counters (`CTRL#<month>`). The statement is then built by the finance function's own route
 * (GET /statements/{month}) on that table. It reads the registry, the TOTAL and PAID item of each
 * institution and one counter query — never an entry — so its time follows institutions, not claims.
 *
 * Writing a million entry items into DynamoDB Local takes about ten minutes, so by default the big
 * case seeds its running totals only (entries too with --big-entries); the small case always seeds
 * its 10,000 entries. The statement reads the same items either way.
 *
 * Options: --claims-big N (default 1000000), --institutions N (default 300), --big-entries.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient, NumberValue } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { financeStores, makeHandler } from '../functions/finance/handler.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { synthStatefulTemplate, tableDefinitions } from '../infra/local/template.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const INSTITUTIONS = arg('--institutions', 300);
const CASES = [10_000, arg('--claims-big', 1_000_000)];
const BIG_ENTRIES = process.argv.includes('--big-entries');
const MONTH = '2026-03';
const RUNS = 15;
const WARMUP = 3;

const institutionId = (i: number) => `INST-${String(i).padStart(4, '0')}`;

async function seed(doc: DynamoDBDocumentClient, table: string, claims: number, withEntries: boolean): Promise<number> {
  const items: Record<string, unknown>[] = [];
  let written = 0;
  const inFlight = new Set<Promise<void>>();
  const flush = async (force = false) => {
    while (items.length >= 25 || (force && items.length > 0)) {
      const batch = items.splice(0, 25);
      const p = (async () => {
        let pending: Record<string, unknown>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending && pending.length > 0) {
          const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
          pending = r.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
        }
        written += batch.length;
      })();
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
      if (inFlight.size >= 32) await Promise.race(inFlight);
    }
    if (force) await Promise.all(inFlight);
  };
  const fen = new Array<bigint>(INSTITUTIONS).fill(0n);
  const entries = new Array<number>(INSTITUTIONS).fill(0);
  for (let i = 0; i < INSTITUTIONS; i++) {
    items.push({ pk: 'REG#INST', sk: institutionId(i), doc: JSON.stringify({ institutionId: institutionId(i) }) });
  }
  for (let c = 0; c < claims; c++) {
    const inst = c % INSTITUTIONS;
    const amount = 4200n + BigInt((c * 7919) % 100_000);
    fen[inst] = (fen[inst] as bigint) + amount;
    entries[inst] = (entries[inst] as number) + 1;
    if (withEntries) {
      const postedAt = `2026-03-${String(1 + (c % 28)).padStart(2, '0')}T10:00:00.000+08:00`;
      items.push({
        pk: `L#${institutionId(inst)}#${MONTH}`,
        sk: `E#${postedAt}#person#P${c}#0000000001#0000#CS-${c}`,
        institutionId: institutionId(inst),
        claimId: `CS-${c}`,
        kind: 'care-service',
        amount: money(amount),
        postedAt,
        accountingMonth: MONTH,
        priorPeriod: false,
        triggeredBy: `CS-${c}`,
      });
      if (items.length >= 25 * 32) await flush();
    }
  }
  for (let i = 0; i < INSTITUTIONS; i++) {
    const pk = `L#${institutionId(i)}#${MONTH}`;
    const payable = fen[i] as bigint;
    const paid = i % 3 === 0 ? payable : (payable * 9n) / 10n;
    items.push({
      pk,
      sk: 'TOTAL',
      payable: NumberValue.from(money(payable)),
      entries: entries[i],
      priorPeriod: 0,
      institutionId: institutionId(i),
      month: MONTH,
    });
    items.push({ pk, sk: 'PAID', paid: NumberValue.from(money(paid)), payments: 1, institutionId: institutionId(i), month: MONTH });
    const count = entries[i] as number;
    items.push({ pk: `CTRL#${MONTH}`, sk: `I#${institutionId(i)}`, institutionId: institutionId(i), received: count, decided: count });
  }
  await flush(true);
  return written;
}

function money(fen: bigint): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

async function main() {
  const root = process.cwd();
  process.stdout.write(
    `reconcile bench: ${CASES.map((c) => c.toLocaleString('en')).join(' vs ')} claims over ${INSTITUTIONS} institutions\n`,
  );
  const ddb = await startDynamoDbLocal({ root });
  const client = new DynamoDBClient({
    endpoint: ddb.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  const [definition] = tableDefinitions(synthStatefulTemplate());
  if (!definition) throw new Error('no table in the template');
  const results: { claims: number; items: number; entries: boolean; median: number; min: number; max: number; lines: number }[] = [];
  try {
    const cases = [];
    for (const [n, claims] of CASES.entries()) {
      const table = `reconcile-${n}`;
      await client.send(new CreateTableCommand({ ...definition, TableName: table }));
      const withEntries = n === 0 || BIG_ENTRIES;
      const t = Date.now();
      const items = await seed(doc, table, claims, withEntries);
      process.stdout.write(
        `  seeded ${claims.toLocaleString('en')} claims: ${items.toLocaleString('en')} items${withEntries ? '' : ' (running totals only)'} in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
      );
      const handler = makeHandler({
        ...financeStores(client, new S3Client({ region: 'cn-north-1' }), table, 'unused'),
        now: () => new Date(),
      });
      cases.push({ claims, items, withEntries, handler, times: [] as number[], lines: 0 });
    }
    const event = {
      routeKey: 'GET /statements/{month}',
      pathParameters: { month: MONTH },
      headers: {},
      requestContext: { authorizer: { jwt: { claims: { username: 'bench', 'cognito:groups': '[finance]' } } } },
    };
    // The cases take turns, so a slower moment of the machine hits both alike; warm-up runs are not timed.
    for (let r = 0; r < WARMUP + RUNS; r++) {
      for (const c of cases) {
        const t = performance.now();
        const res = (await c.handler(event as never, { getRemainingTimeInMillis: () => 30_000 } as Context)) as {
          statusCode: number;
          body: string;
        };
        const ms = performance.now() - t;
        if (res.statusCode !== 200) throw new Error(`statement failed: ${res.body}`);
        c.lines = (JSON.parse(res.body) as { lines: unknown[] }).lines.length;
        if (r >= WARMUP) c.times.push(ms);
      }
    }
    for (const c of cases) {
      const times = [...c.times].sort((a, b) => a - b);
      results.push({
        claims: c.claims,
        items: c.items,
        entries: c.withEntries,
        median: times[Math.floor(times.length / 2)] as number,
        min: times[0] as number,
        max: times[times.length - 1] as number,
        lines: c.lines,
      });
    }
  } finally {
    client.destroy();
    await ddb.stop();
  }
  const row = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(20))).join('')}\n`;
  process.stdout.write('\n');
  process.stdout.write(row(['', ...results.map((r) => `${r.claims.toLocaleString('en')} claims`)]));
  process.stdout.write(row(['institutions', ...results.map(() => String(INSTITUTIONS))]));
  process.stdout.write(row(['items in the table', ...results.map((r) => r.items.toLocaleString('en'))]));
  process.stdout.write(row(['ledger entries seeded', ...results.map((r) => (r.entries ? r.claims.toLocaleString('en') : 'no (totals)'))]));
  process.stdout.write(row(['statement lines', ...results.map((r) => String(r.lines))]));
  process.stdout.write(row([`statement median (${RUNS})`, ...results.map((r) => `${r.median.toFixed(1)} ms`)]));
  process.stdout.write(row(['statement min / max', ...results.map((r) => `${r.min.toFixed(0)} / ${r.max.toFixed(0)} ms`)]));
  const [small, big] = results;
  if (small && big)
    process.stdout.write(
      `\n${(big.claims / small.claims).toFixed(0)}× the claims, ${(big.median / small.median).toFixed(2)}× the statement time: the statement reads only the ` +
        `registry, each institution's TOTAL and PAID items and the month's counters (${3 * INSTITUTIONS} items), never a ledger entry, ` +
        'so its time depends on institutions, not claims.\n',
    );
}

await main();
