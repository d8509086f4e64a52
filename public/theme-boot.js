// Applies the remembered theme before the first paint (no flash of the wrong theme). A file of its own,
// not an inline script, so the page's Content-Security-Policy can say script-src 'self'.
try {
  var s = JSON.parse(localStorage.getItem('scansion-playground:settings') || '{}');
  if (s.theme === 'dark' || s.theme === 'light') document.documentElement.dataset.theme = s.theme;
} catch (e) {
  // no storage: the default theme
}
