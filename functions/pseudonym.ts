/**
 * Person ids never reach the logs in clear (they are kept a year, and read by operators who have no
 * business knowing who claimed what): a log line names a person by a keyed hash, HMAC-SHA256 of the
 * id under LOG_PSEUDONYM_KEY (a Secrets Manager secret the stack generates, resolved into the
 * function's environment at deploy time). The same person gets the same pseudonym in every log line
 * of every function, so a trail can be followed; without the key it cannot be turned back into an id,
 * even by trying every possible 身份证号. Without the variable (the local stack, tests) each process
 * draws a random key, so its pseudonyms are stable only while it runs.
 */
import { createHmac, randomBytes } from 'node:crypto';

const key = process.env.LOG_PSEUDONYM_KEY ? Buffer.from(process.env.LOG_PSEUDONYM_KEY, 'utf8') : randomBytes(32);

/**
 * @example pseudonym('110101195001011234') // 'p~3f1c…' (16 hex digits)
 */
export function pseudonym(personId: string): string {
  return `p~${createHmac('sha256', key).update(personId, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * A partition as a log line may show it: a person's partition by the person's pseudonym.
 * @example loggablePartition('person#P001') // 'person#p~…'
 */
export function loggablePartition(partition: string): string {
  return partition.startsWith('person#') ? `person#${pseudonym(partition.slice('person#'.length))}` : partition;
}
