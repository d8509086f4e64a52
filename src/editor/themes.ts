// Light and dark Monaco themes for .scs and XML tokens (pure data; registered in monacoSetup.ts).
// Colours follow the VS Code light/dark palettes the page's theme.css uses (--xml-tag etc.).
import type { editor } from 'monaco-editor/editor/editor.api';

export const THEME_LIGHT = 'scs-light';
export const THEME_DARK = 'scs-dark';

export function monacoThemeName(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? THEME_DARK : THEME_LIGHT;
}

type Rule = editor.ITokenThemeRule;

const light: Rule[] = [
  { token: 'comment', foreground: '008000', fontStyle: 'italic' },
  { token: 'comment.doc', foreground: '008000', fontStyle: 'bold italic' },
  { token: 'comment.xml', foreground: '008000', fontStyle: 'italic' },
  { token: 'keyword.separator', foreground: '616161', fontStyle: 'bold' },
  { token: 'delimiter.bracket', foreground: '267f99' },
  { token: 'type.class', foreground: '267f99', fontStyle: 'bold' },
  { token: 'variable.client', foreground: '005fa3', fontStyle: 'bold' },
  { token: 'attribute.name.property', foreground: '795e26' },
  { token: 'string.property', foreground: 'a31515' },
  { token: 'keyword.action', foreground: 'af00db', fontStyle: 'bold' },
  { token: 'keyword.nothing', foreground: 'af00db', fontStyle: 'italic' },
  { token: 'delimiter', foreground: '616161' },
  { token: 'tag', foreground: '800000' },
  { token: 'delimiter.tag', foreground: '800000' },
  { token: 'attribute.name', foreground: 'e50000' },
  { token: 'attribute.value', foreground: '0000ff' },
  { token: 'variable.expr', foreground: 'c24f00', fontStyle: 'bold' },
  { token: 'keyword.scansion', foreground: '098658', fontStyle: 'italic' },
  { token: 'string.escape', foreground: 'ee0000' },
  { token: 'metatag', foreground: '800000' },
  { token: 'invalid', foreground: 'cd3131' },
];

const dark: Rule[] = [
  { token: 'comment', foreground: '7fae69', fontStyle: 'italic' },
  { token: 'comment.doc', foreground: '7fae69', fontStyle: 'bold italic' },
  { token: 'comment.xml', foreground: '7fae69', fontStyle: 'italic' },
  { token: 'keyword.separator', foreground: '9a9a9a', fontStyle: 'bold' },
  { token: 'delimiter.bracket', foreground: '4ec9b0' },
  { token: 'type.class', foreground: '4ec9b0', fontStyle: 'bold' },
  { token: 'variable.client', foreground: '4fc1ff', fontStyle: 'bold' },
  { token: 'attribute.name.property', foreground: 'dcdcaa' },
  { token: 'string.property', foreground: 'ce9178' },
  { token: 'keyword.action', foreground: 'c586c0', fontStyle: 'bold' },
  { token: 'keyword.nothing', foreground: 'c586c0', fontStyle: 'italic' },
  { token: 'delimiter', foreground: '9d9d9d' },
  { token: 'tag', foreground: '569cd6' },
  { token: 'delimiter.tag', foreground: '9a9a9a' },
  { token: 'attribute.name', foreground: '9cdcfe' },
  { token: 'attribute.value', foreground: 'ce9178' },
  { token: 'variable.expr', foreground: 'f0a35e', fontStyle: 'bold' },
  { token: 'keyword.scansion', foreground: '4ec9b0', fontStyle: 'italic' },
  { token: 'string.escape', foreground: 'd7ba7d' },
  { token: 'metatag', foreground: '569cd6' },
  { token: 'invalid', foreground: 'f44747' },
];

export const lightTheme: editor.IStandaloneThemeData = {
  base: 'vs',
  inherit: true,
  rules: light,
  colors: {
    'editor.background': '#ffffff',
    'editorGutter.background': '#ffffff',
    'editor.lineHighlightBackground': '#f5f5f5',
    // WCAG AA (4.5:1) for every text colour, the dimmed last line number included.
    'editorLineNumber.foreground': '#4f6f7a',
    'editorLineNumber.dimmedForeground': '#4f6f7a',
  },
};

export const darkTheme: editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: dark,
  colors: {
    'editor.background': '#1e1e1e',
    'editorGutter.background': '#1e1e1e',
    'editor.lineHighlightBackground': '#2a2d2e',
    'editorLineNumber.foreground': '#9a9a9a',
    'editorLineNumber.dimmedForeground': '#9a9a9a',
  },
};
