// Monaco adapters for the pure completion and hover logic (completions.ts, hover.ts). Registered
// once per page; they read the live store state through the getter given by the mounted editor.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ParseResult } from '../scansion/types';
import { completionsAt, type ScsCompletionKind } from './completions';
import { hoverAt } from './hover';
import { relaxStrictFix } from './quickFixes';
import { SCS_LANGUAGE_ID } from './scsMonarch';

export interface ProviderContext {
  parsed?: ParseResult;
  variables: Record<string, string>;
  runStarted: boolean;
}

let getContext: () => ProviderContext = () => ({ variables: {}, runStarted: false });
let registered: Monaco.IDisposable[] | null = null;

/** Point the providers at the mounted editor's store. */
export function setProviderContext(getter: () => ProviderContext): void {
  getContext = getter;
}

export function registerScsProviders(monaco: typeof Monaco): void {
  if (registered) return;
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<ScsCompletionKind, Monaco.languages.CompletionItemKind> = {
    client: K.User,
    action: K.Function,
    property: K.Property,
    keyword: K.Keyword,
    variable: K.Variable,
    snippet: K.Snippet,
    element: K.Struct,
    attribute: K.Field,
    namespace: K.Module,
    status: K.EnumMember,
    value: K.Value,
  };
  registered = [
    monaco.languages.registerCompletionItemProvider(SCS_LANGUAGE_ID, {
      triggerCharacters: ['$', '{', '<', '"', "'", ' ', '/'],
      provideCompletionItems(model, position) {
        const ctx = getContext();
        const items = completionsAt(model.getValue(), position.lineNumber, position.column, ctx.parsed);
        return {
          suggestions: items.map((c) => ({
            label: c.label,
            kind: kinds[c.kind],
            insertText: c.insertText,
            insertTextRules: c.snippet
              ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
              : undefined,
            detail: c.detail,
            documentation: c.documentation,
            sortText: c.sortText,
            filterText: c.filterText,
            range: new monaco.Range(position.lineNumber, c.from, position.lineNumber, c.to),
            command: c.retrigger ? { id: 'editor.action.triggerSuggest', title: 'Suggest' } : undefined,
          })),
        };
      },
    }),
    monaco.languages.registerHoverProvider(SCS_LANGUAGE_ID, {
      provideHover(model, position) {
        const ctx = getContext();
        const h = hoverAt(model.getValue(), position.lineNumber, position.column, {
          variables: ctx.variables,
          clients: ctx.parsed?.script.clients.map((c) => c.name),
          runStarted: ctx.runStarted,
        });
        if (!h) return null;
        return {
          range: new monaco.Range(position.lineNumber, h.from, position.lineNumber, h.to),
          contents: h.contents.map((value) => ({ value, isTrusted: false, supportHtml: false })),
        };
      },
    }),
    monaco.languages.registerCodeActionProvider(SCS_LANGUAGE_ID, {
      provideCodeActions(model, _range, context) {
        const actions = context.markers.flatMap((m) => {
          const code = typeof m.code === 'string' ? m.code : m.code?.value;
          const fix = relaxStrictFix(model.getLineContent(m.startLineNumber), { ...m, code });
          if (!fix) return [];
          const e = fix.edit;
          return [
            {
              title: fix.title,
              kind: 'quickfix',
              diagnostics: [m],
              isPreferred: true,
              edit: {
                edits: [
                  {
                    resource: model.uri,
                    versionId: model.getVersionId(),
                    textEdit: {
                      range: new monaco.Range(e.line, e.startColumn, e.line, e.endColumn),
                      text: e.text,
                    },
                  },
                ],
              },
            },
          ];
        });
        return { actions, dispose() {} };
      },
    }),
  ];
}
