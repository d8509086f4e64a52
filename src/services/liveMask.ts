// Credentials never reach the console: SASL payloads a client sends (PLAIN carries the password in
// base64; SCRAM's client messages carry proofs) are replaced by a mask, as is any legacy-auth password.
const MASK = '••••••••';

export function maskCredentials(raw: string): string {
  return raw
    .replace(
      /(<(auth|response)\b[^>]*xmlns=['"]urn:ietf:params:xml:ns:xmpp-sasl['"][^>]*>)([^<]+)(<\/\2>)/g,
      (_m, open: string, _name: string, _body: string, close: string) => open + MASK + close,
    )
    .replace(
      /(<password(?:\s[^>]*)?>)([^<]*)(<\/password>)/g,
      (_m, open: string, _b: string, close: string) => open + MASK + close,
    );
}
