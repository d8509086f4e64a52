// Links to the documentation a script author needs: the scansion language and the MUC specification.
export const DOC_LINKS = [
  {
    href: 'https://code.matthewwild.co.uk/scansion/',
    label: 'Scansion syntax',
    title: 'The scansion script language (opens in a new tab)',
  },
  {
    href: 'https://xmpp.org/extensions/xep-0045.html',
    label: 'XEP-0045',
    title: 'XEP-0045: Multi-User Chat, the specification the MUC scripts test (opens in a new tab)',
  },
] as const;

export function DocLinks() {
  return (
    <nav className="doc-links" aria-label="Documentation" data-testid="doc-links">
      {DOC_LINKS.map((l) => (
        <a key={l.href} href={l.href} target="_blank" rel="noopener noreferrer" title={l.title}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
