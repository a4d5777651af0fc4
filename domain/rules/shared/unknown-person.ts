/** `UNKNOWN_PERSON` (DOMAIN.md §4, §5, §6): the insured person must be in the registry. */
import type { Registry } from '../../registry.ts';
import type { Rule } from '../rule.ts';

/**
 * A claim-level rule of care-service and medical claims, and a resident rule of operating subsidies.
 * @example unknownPerson.held({ registry, personId: 'P001' }) // true when P001 is registered
 */
export const unknownPerson: Rule<{ readonly registry: Registry; readonly personId: string }> = {
  code: 'UNKNOWN_PERSON',
  held: ({ registry, personId }) => registry.persons.has(personId),
  saw: ({ personId }) => ({ personId }),
};
