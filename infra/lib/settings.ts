/**
 * Numbers both stacks must agree on. They live here so the stateful stack (queue visibility) and the
 * stateless stack (function timeout) cannot drift apart silently.
 */
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** A full batch of 10 claims, each one TransactWriteItems plus its reads and a retry or two. */
export const ADJUDICATOR_TIMEOUT = Duration.seconds(60);

/**
 * AWS asks for at least six times the consumer's timeout, so a batch that is retried by the Lambda
 * poller is not redelivered to a second invocation while the first is still running.
 */
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(ADJUDICATOR_TIMEOUT.toSeconds() * 6);

/**
 * The fan-out of a reference change pages through the partitions it moves and hands the rest on
 * before its time runs out (fan-out.ts), so one invocation need not cover a whole city.
 */
export const FAN_OUT_TIMEOUT = Duration.minutes(5);

/** Pollers of the changes queue: SQS's least; the reprocess messages it sends are what runs in parallel. */
export const FAN_OUT_CONCURRENCY = 2;

/** Six times the fan-out's timeout, as for the claims queues. */
export const CHANGES_QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(FAN_OUT_TIMEOUT.toSeconds() * 6);

/** A message that fails five deliveries is a poison message for its whole FIFO group: park it. */
export const MAX_RECEIVE_COUNT = 5;

/** Claims wait in the queue at most this long before someone should look (month-end bursts included). */
export const OLDEST_MESSAGE_ALARM_AGE = Duration.minutes(15);

/** Logs hold claim ids and institution ids; a year covers one annual audit cycle. */
export const LOG_RETENTION = RetentionDays.ONE_YEAR;

export const SERVICE_NAME = 'ltc-claims';
export const METRICS_NAMESPACE = 'LtcClaims';

/**
 * Finance's HTTP routes run behind API Gateway, whose integration timeout is 30 s; a 5,000-row import
 * is about a hundred transactions.
 */
export const FINANCE_TIMEOUT = Duration.seconds(29);

/**
 * The statement draft: 01:00 on the 1st of each month in Asia/Shanghai (UTC+8, no daylight saving).
 * EventBridge cron runs in UTC, and 01:00 CST on day 1 is 17:00 UTC on the last day of the previous
 * month, which EventBridge writes `L` in the day-of-month field.
 */
export const DRAFT_STATEMENT_SCHEDULE = 'cron(0 17 L * ? *)';

/**
 * How far an institution's own submittedAt may be from the server's receive instant before POST
 * /claims refuses it (SUBMITTED_AT_SKEW); the stored claim carries the server's instant either way.
 */
export const SUBMITTED_AT_MAX_SKEW = Duration.minutes(5);

/**
 * Concurrency kept for, and capping, the functions a flood must not starve or be: the adjudicator
 * always has its own (a flood of submissions cannot take the account's concurrency from it), and the
 * submit function cannot take more than this from everyone else. The rest share the account's pool
 * behind the API's throttles. The SQS event source polls with at most the adjudicator's share.
 */
export const RESERVED_CONCURRENCY = { adjudicateClaims: 20, submitClaims: 20 } as const;

/**
 * The HTTP API's throttles (API Gateway answers 429 past them, before any function runs). An HTTP
 * API has no per-client usage plans, so these are ceilings for everyone together: a city's month-end
 * is about a million claims a day (12 a second), and one POST carries up to 500.
 */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;
export const ROUTE_THROTTLE = {
  'POST /claims': { rateLimit: 20, burstLimit: 50 },
  'POST /migrations/claims': { rateLimit: 10, burstLimit: 20 },
  'POST /disbursements': { rateLimit: 2, burstLimit: 5 },
} as const;
