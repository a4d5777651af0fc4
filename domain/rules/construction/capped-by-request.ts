/** `CAPPED_BY_REQUEST` (DOMAIN.md §6, informational): the amount is rate × granted beds, capped by requestedAmount when given. */
import { type Dec, fmt } from '../../money.ts';
import type { Rule } from '../rule.ts';

/** The bed amount and the claim's requestedAmount. */
export interface RequestView {
  readonly amount: Dec;
  readonly requestedAmount: Dec | undefined;
}

/** @example cappedByRequest.held({ amount: money('52000.00'), requestedAmount: money('26000.00') }) // false: capped */
export const cappedByRequest: Rule<RequestView> = {
  code: 'CAPPED_BY_REQUEST',
  held: ({ amount, requestedAmount }) => !requestedAmount?.lessThan(amount),
  saw: ({ amount, requestedAmount }) => ({ amount: fmt(amount), requestedAmount: requestedAmount ? fmt(requestedAmount) : null }),
};
