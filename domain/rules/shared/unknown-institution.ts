/** `UNKNOWN_INSTITUTION` (DOMAIN.md §4, §5, §6): the institution must be in the registry. */
import type { Registry } from '../../registry.ts';
import type { Rule } from '../rule.ts';

/**
 * A claim-level rule of every claim kind.
 * @example unknownInstitution.held({ registry, institutionId: 'INST-A' }) // true when INST-A is registered
 */
export const unknownInstitution: Rule<{ readonly registry: Registry; readonly institutionId: string }> = {
  code: 'UNKNOWN_INSTITUTION',
  held: ({ registry, institutionId }) => registry.institutions.has(institutionId),
  saw: ({ institutionId }) => ({ institutionId }),
};
