/** `SPECIAL_HARDSHIP_EXCLUDED` (DOMAIN.md §6, resident rule): special-hardship residents (特困供养对象) are funded elsewhere. */
import type { Person } from '../../registry.ts';
import type { Rule } from '../rule.ts';

/** @example specialHardshipExcluded.held({ person: { ...p, specialHardship: true } }) // false */
export const specialHardshipExcluded: Rule<{ readonly person: Person | undefined }> = {
  code: 'SPECIAL_HARDSHIP_EXCLUDED',
  held: ({ person }) => person?.specialHardship !== true,
  saw: ({ person }) => ({ specialHardship: person?.specialHardship ?? null }),
};
