// Completion for the live console's composer, from the editor's own completion engine: the typed text
// is placed in a `sends:` block of a one-client script, completions are asked at the caret, and their
// replacement ranges are mapped back into the typed text.
import { completionsAt, type ScsCompletion } from '../../editor/completions';
import { snippetPreview } from '../../editor/snippets';

export interface LiveCompletion {
  label: string;
  detail?: string;
  /** Plain text to insert (snippet placeholders resolved to their defaults). */
  text: string;
  /** Offsets in the typed text replaced by `text`. */
  from: number;
  to: number;
}

export function liveCompletions(input: string, caret: number, client: string, max = 12): LiveCompletion[] {
  const name = client.replace(/[\n\r]/g, ' ') || 'Client';
  const header = [`[Client] ${name}`, '\tjid: client@localhost', '', '-----', '', `${name} sends:`];
  const lines = input.split('\n');
  const script = [...header, ...lines.map((l) => `\t${l}`)].join('\n');
  const before = input.slice(0, caret);
  const lineIndex = before.split('\n').length - 1;
  const col = caret - (before.lastIndexOf('\n') + 1);
  const lineStart = caret - col;
  const items: ScsCompletion[] = completionsAt(script, header.length + lineIndex + 1, col + 2);
  const typed = (c: ScsCompletion) => input.slice(lineStart + c.from - 2, caret).toLowerCase();
  return items
    .filter((c) => (c.filterText ?? c.label).toLowerCase().startsWith(typed(c)))
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .slice(0, max)
    .map((c) => ({
      label: c.label,
      detail: c.detail,
      text: c.snippet ? snippetPreview(c.insertText) : c.insertText,
      from: Math.max(lineStart, lineStart + c.from - 2),
      to: Math.max(lineStart, lineStart + c.to - 2),
    }));
}

export function applyCompletion(input: string, c: LiveCompletion): { text: string; caret: number } {
  return { text: input.slice(0, c.from) + c.text + input.slice(c.to), caret: c.from + c.text.length };
}
