// The one place that loads Monaco (bundled by Vite, no CDN) and sets up its worker, the .scs and XML
// languages and the themes. Only the editor API plus the contributions the page uses are imported —
// not `monaco-editor` whole, which registers every language Monaco ships. Imported only from the
// lazily loaded editor and diff modules, so it all lands in a lazy chunk.
import * as monaco from 'monaco-editor/editor/editor.api';
// Contributions (each registers itself on import).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/codeAction/register'; // quick fixes on run markers (quickFixes.ts)
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/smartSelect/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import {
  SCS_LANGUAGE_ID,
  XML_LANGUAGE_ID,
  scsLanguageConfiguration,
  scsMonarch,
  xmlMonarch,
} from './scsMonarch';
import { THEME_DARK, THEME_LIGHT, darkTheme, lightTheme } from './themes';

// Monaco asks for a worker by label; the page only has the generic editor worker (diff computation,
// links, word suggestions): our languages tokenize with Monarch on the main thread.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

let registered = false;

/** Register languages and themes once. Returns the Monaco API. */
export function setupMonaco(): typeof monaco {
  if (registered) return monaco;
  registered = true;
  monaco.languages.register({ id: SCS_LANGUAGE_ID, extensions: ['.scs'], aliases: ['Scansion'] });
  monaco.languages.setMonarchTokensProvider(SCS_LANGUAGE_ID, scsMonarch);
  monaco.languages.setLanguageConfiguration(SCS_LANGUAGE_ID, scsLanguageConfiguration);
  monaco.languages.register({ id: XML_LANGUAGE_ID, extensions: ['.xml'], aliases: ['XML'] });
  monaco.languages.setMonarchTokensProvider(XML_LANGUAGE_ID, xmlMonarch);
  monaco.languages.setLanguageConfiguration(XML_LANGUAGE_ID, {
    comments: { blockComment: ['<!--', '-->'] },
    brackets: [['<', '>']],
  });
  monaco.editor.defineTheme(THEME_LIGHT, lightTheme);
  monaco.editor.defineTheme(THEME_DARK, darkTheme);
  return monaco;
}

export { monaco };
