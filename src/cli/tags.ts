// `scs run --only-tags T,… / --skip-tags T,…`: select scripts by their `## tag` metadata lines.

/** The tags of a script: every word of its `##` lines (words split at spaces and commas). */
export function scriptTags(tagLines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of tagLines) for (const t of line.split(/[\s,]+/)) if (t) out.push(t);
  return out;
}

/** A flag's value `a,b , c` as a list of tags (empty entries dropped). */
export function tagList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export interface TagFilter {
  only?: string[];
  skip?: string[];
}

/**
 * Whether a script with these tags is selected: with `only`, it must carry at least one of them; with
 * `skip`, it must carry none of them (skip wins when a script matches both).
 */
export function selectedByTags(tags: readonly string[], filter: TagFilter): boolean {
  if (filter.skip && filter.skip.some((t) => tags.includes(t))) return false;
  if (filter.only && !filter.only.some((t) => tags.includes(t))) return false;
  return true;
}
