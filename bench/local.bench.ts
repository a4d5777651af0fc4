/**
 * End-to-end throughput of the local stack (DynamoDB Local + fauxqs, the same Lambda handlers): the
 * generated workload of bench/workload.ts submitted through POST /claims as its institutions, then
 * adjudicated by the local event-source mapping, with DynamoDB capacity, transactions, SQS requests and
 * invocations counted per claim (bench/meter.ts says how). Numbers are printed; nothing passes or fails.
 *
 *   npm run bench:local                          # BENCH_CLAIMS=2000 by default, ~2–4 minutes on 2 cores
 *   BENCH_CLAIMS=20000 npm run bench:local
 *   BENCH_BATCH=100 BENCH_CONCURRENCY=4 BENCH_IDEMPOTENCY=1   # the other knobs (defaults shown)
 *   BENCH_ADJUDICATORS=4                         # adjudicator batches in flight per queue
 *
 * The last line compares the run with its storage ceiling, measured after it on the same DynamoDB Local
 * (bench/ceiling.ts): the adjudicator's own transactions replayed, as many in flight as it had.
 */
import { runLocalFromEnv } from './local-run.ts';
import { f, int, perClaim, table } from './report.ts';

const r = await runLocalFromEnv(2000, { ceiling: true });
const p = perClaim(r);
const m = r.meter;
console.log(`
local stack, ${int(r.claims)} claims (${r.persons} persons, ${r.institutions} institutions), ${int(r.requests)} POST /claims requests
${r.decided === r.claims ? 'every claim decided' : `only ${int(r.decided)} of ${int(r.claims)} claims decided`}; messages received ${int(m.messagesReceived)}, deleted ${int(m.messagesDeleted)}

${table([
  ['throughput', 'claims/s', 'seconds'],
  ['end to end (first POST → last decision)', f(r.claims / r.endToEndSeconds, 1), f(r.endToEndSeconds, 1)],
  ['submit side (POST /claims → 202)', f(r.claims / r.submitSeconds, 1), f(r.submitSeconds, 1)],
  ['adjudication side (first receive → last decision)', f(r.claims / r.adjudicateSeconds, 1), f(r.adjudicateSeconds, 1)],
])}

submit → decision (ms, ${int(r.latencyMs.measured)} claims; a burst: mostly time queued behind earlier claims)
  p50 ${int(r.latencyMs.p50)}   p95 ${int(r.latencyMs.p95)}   max ${int(r.latencyMs.max)}

${table([
  ['per claim', 'value', 'how'],
  ['DynamoDB write units (by the rules)', f(p.wcu), 'transactions sized item by item, 2 WCU/KB; + GSI writes; standard writes as reported'],
  ['DynamoDB read units', f(p.rcu), 'as DynamoDB Local reports them (ReturnConsumedCapacity TOTAL)'],
  ['  of which submit (idempotency)', `${f(p.submitWcu)} W / ${f(p.submitRcu)} R`, 'Idempotency-Key records, per claim'],
  ['DynamoDB write units as DynamoDB Local reports', f(p.ddbReportedWcu), 'over-counts transactions, omits GSIs: not used'],
  ['TransactWriteItems', f(p.transactions, 3), `target 1; ${f(p.transactItems, 1)} items per transaction`],
  ['adjudicator invocations', f(p.adjudicatorInvocations, 3), `target ≤ 0.1; batch size 10; ~${f(p.handlerMs, 0)} ms each`],
  [
    'submit invocations (POST /claims)',
    f(p.submitInvocations, 3),
    `batches of up to ${r.requests ? Math.ceil(r.claims / r.requests) : 0} claims on average`,
  ],
  ['SQS requests (billed, 64 KB each)', f(p.sqsBilled, 3), `${m.emptyReceives} empty receives not counted per claim`],
])}

transaction WCU detail (per claim): puts ${f(m.transactPutWcu / r.claims)}, updates ${f(m.transactUpdateWcu / r.claims)}, condition checks ${f(m.transactCheckWcu / r.claims)}, GSI ${f((m.gsiPutWcu + m.gsiUpdateWcu) / r.claims)}
DynamoDB calls per claim: ${Object.entries(p.ddbCalls)
  .map(([k, v]) => `${k} ${f(v, 2)}`)
  .join(', ')}
SQS requests per claim: ${Object.entries(p.sqsByCall)
  .map(([k, v]) => `${k} ${f(v, 3)}`)
  .join(', ')}`);

const c = r.ceiling;
if (c) {
  const claimsPerSecond = r.claims / r.endToEndSeconds;
  console.log(`
storage ceiling: ${int(c.transactions)} transactions of the run's shapes (${f(c.itemsPerTransaction, 1)} items, ${int(c.bytesPerTransaction)} bytes each), ${c.concurrency} in flight, ${f(c.seconds, 1)} s
bench:local: ${f(claimsPerSecond, 1)} claims/s end to end, ceiling ${f(c.txPerSecond, 1)} transactions/s, ratio ${f(claimsPerSecond / c.txPerSecond, 3)}`);
}
