// Small helpers for locating things in script text (1-based lines, as the page and Monaco count them).
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found in the script after line ${from}`);
}

/** 1-based line of every step's action line ("Romeo connects", "Juliet receives:"…), in order. */
export function stepLines(text: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (
      /^\S.*\s(connects|disconnects|sends:?|receives:?)(\s+nothing)?\s*$/.test(l) &&
      !/^(#|\/\/|--)/.test(l)
    )
      out.push(i + 1);
  });
  return out;
}
