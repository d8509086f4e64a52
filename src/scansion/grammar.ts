// The .scs grammar's words and line forms, in one place: the parser and the editor's line reader
// (src/editor/scriptText.ts) both read scripts through these, so the two can never disagree.
// See ../../shared/design/scansion-language.md.

/** The action verbs of a step line. */
export const VERBS = ['connects', 'disconnects', 'sends', 'receives'] as const;
export type Verb = (typeof VERBS)[number];

/** Actions as a user types them (editor completions). */
export const ACTIONS = ['connects', 'sends:', 'receives:', 'receives: nothing', 'disconnects'] as const;

/** The client properties scansion's documentation names. */
export const CLIENT_PROPERTIES = ['jid', 'password', 'resource', 'connect_host', 'connect_port'] as const;

/** A line of dashes alone ends the header (the corpus uses five or more; three are enough). */
export const SEPARATOR_RE = /^-{3,}\s*$/;

/** Comment lines: `#`, `##`, `//`, and Lua-style `-- ` (a dash line alone is the separator). */
export const COMMENT_RE = /^\s*(?:#|\/\/|--(?:\s|$))/;

/** `[Client] Romeo`: class in brackets, then the display name. */
export const CLIENT_DECL_RE = /^\[([^\]]*)\]\s*(.*?)\s*$/;

/** A whole action line as typed: `Romeo sends:`, `Romeo receives: nothing`, `Romeo connects`. */
export const ACTION_RE = /^(\S.*?)\s+(connects|disconnects|sends|receives)(:?)(?:[ \t]*(nothing))?[ \t]*$/;

/** The start of a step line whose client is not declared: everything before the first verb. */
export const UNDECLARED_STEP_RE = /^(.+?)[ \t]+(connects|disconnects|sends|receives)(?![A-Za-z])/;

export type CommentMarker = '#' | '##' | '//' | '--';

/**
 * The comment marker of a line's content (leading whitespace already removed), or undefined when the
 * line is not a comment. A line of three or more dashes is the separator, not a comment.
 */
export function commentMarker(content: string): CommentMarker | undefined {
  if (content.startsWith('##')) return '##';
  if (content.startsWith('#')) return '#';
  if (content.startsWith('//')) return '//';
  if (content === '--' || content.startsWith('-- ') || content.startsWith('--\t')) return '--';
  return undefined;
}

/** Whether a line's content (trimmed) is the header separator. */
export function isSeparator(content: string): boolean {
  return content.charCodeAt(0) === 45 /* - */ && SEPARATOR_RE.test(content);
}
