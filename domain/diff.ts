/**
 * The fields that differ between two JSON documents, named the way field errors name them
 * (`assessments[1].grade`, `items[3].dailyCap`): what a reference record's history shows changed, and
 * what a what-if shows moved in a claim's explanation.
 */

/** One changed field and the values either side (absent: the field was added or removed). */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The leaf fields that differ, in document order; arrays compare by index.
 * @example changesBetween({ a: [1] }, { a: [1, 2] }) // [{ path: 'a[1]', after: 2 }]
 */
export function changesBetween(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => changesBetween(before[k], after[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => changesBetween(before[i], after[i], `${path}[${i}]`)).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, ...(before !== undefined && before !== null ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}
