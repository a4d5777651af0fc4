/**
 * What a million claims cost: one local run on a smaller workload (bench/local-run.ts), its units per
 * claim (DynamoDB write and read units, transactions, SQS requests, Lambda invocations), extrapolated
 * linearly to 1,000,000 claims and priced with the on-demand constants below.
 *
 * The prices are ILLUSTRATIVE PLACEHOLDERS: US East (N. Virginia) list prices in USD as we know them
 * (late 2025). The bureaus run in aws-cn (Beijing cn-north-1, Ningxia cn-northwest-1), priced in CNY
 * on amazonaws.cn; replace the constants with those list prices (or your contract's) before quoting.
 * Storage, data transfer, CloudWatch, KMS and PITR are left out.
 *
 *   npm run bench:cost                 # BENCH_CLAIMS=1000 by default
 *   BENCH_CLAIMS=3000 npm run bench:cost
 */
import { runLocalFromEnv } from './local-run.ts';
import { f, int, perClaim, table } from './report.ts';

/** USD per unit; placeholders to replace with the region's list prices. */
export const PRICES = {
  region: 'us-east-1 list prices (placeholders for aws-cn cn-north-1)',
  currency: 'USD',
  dynamodbWriteRequestUnit: 0.625 / 1e6,
  dynamodbReadRequestUnit: 0.125 / 1e6,
  sqsFifoRequest: 0.5 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
} as const;
/** The functions' memory (infra/lib/claims-function.ts default). */
const LAMBDA_GB = 1024 / 1024;
const MILLION = 1_000_000;

const r = await runLocalFromEnv(1000);
const p = perClaim(r);
const adjudicatorSeconds = (p.adjudicatorInvocations * p.handlerMs) / 1000;
const submitSeconds = (p.submitInvocations * r.postMs) / 1000;
const lines: [string, number, string, number][] = [
  ['DynamoDB write request units', p.wcu, 'WRU', PRICES.dynamodbWriteRequestUnit],
  ['DynamoDB read request units', p.rcu, 'RRU', PRICES.dynamodbReadRequestUnit],
  ['SQS FIFO requests (64 KB each)', p.sqsBilled, 'requests', PRICES.sqsFifoRequest],
  ['Lambda invocations, adjudicator', p.adjudicatorInvocations, 'requests', PRICES.lambdaRequest],
  ['Lambda invocations, submit', p.submitInvocations, 'requests', PRICES.lambdaRequest],
  ['Lambda compute, adjudicator (1 GB, arm64)', adjudicatorSeconds * LAMBDA_GB, 'GB-s', PRICES.lambdaArmGbSecond],
  ['Lambda compute, submit (1 GB, arm64)', submitSeconds * LAMBDA_GB, 'GB-s', PRICES.lambdaArmGbSecond],
  ['HTTP API requests (POST /claims)', p.submitInvocations, 'requests', PRICES.httpApiRequest],
];
let total = 0;
const rows: (string | number)[][] = [['item', 'per claim', 'per 1,000,000 claims', 'unit', `${PRICES.currency} per 1M claims`]];
for (const [label, per, unit, price] of lines) {
  const cost = per * MILLION * price;
  total += cost;
  rows.push([label, f(per, 4), int(per * MILLION), unit, f(cost, 2)]);
}
rows.push(['total', '', '', '', f(total, 2)]);
console.log(`
cost of 1,000,000 claims, extrapolated from ${int(r.claims)} claims through the local stack
(${r.decided === r.claims ? 'every claim decided' : `only ${int(r.decided)} decided`}; TransactWriteItems per claim ${f(p.transactions, 3)}, ${f(p.transactItems, 1)} items each)

${table(rows)}

prices: ${PRICES.region}, ${PRICES.currency}; ILLUSTRATIVE, replace with the aws-cn list prices (CNY) before use.
write units by the documented rules (bench/meter.ts): transactional items 2 WRU per KB, GSI writes 1 WRU per KB, standard writes as
DynamoDB Local reports them; read units as DynamoDB Local reports them. Lambda compute uses the local handler time
(${f(p.handlerMs, 0)} ms per adjudicator batch, ${f(r.postMs, 0)} ms per POST), which DynamoDB Local's latency inflates: an upper bound.
Linear extrapolation holds while partitions stay the size they are here; see the README's Performance section.`);
