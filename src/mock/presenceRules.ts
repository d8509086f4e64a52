// Presence details as Prosody 0.12 applies them (SPEC.md CORE-PRES-*): the valid types, XEP-0153's
// vcard-temp:x:update injection (mod_vcard_legacy) and RFC 6121 priorities.
import { Element } from 'ltx';
import { appendChild } from './stanza';

const NS_VCARD_UPDATE = 'vcard-temp:x:update';
export const PRESENCE_TYPES = new Set([
  'unavailable',
  'subscribe',
  'subscribed',
  'unsubscribe',
  'unsubscribed',
  'probe',
  'error',
]);
export const SUBSCRIPTION_TYPES = new Set([
  'subscribe',
  'subscribed',
  'unsubscribe',
  'unsubscribed',
  'probe',
]);

/** XEP-0153 as Prosody's mod_vcard_legacy: every available presence carries `<x><photo/></x>`. */
export function injectVcardUpdate(stanza: Element): void {
  let x = stanza.getChild('x', NS_VCARD_UPDATE);
  if (!x) x = appendChild(stanza, new Element('x', { xmlns: NS_VCARD_UPDATE }));
  if (!x.getChild('photo')) appendChild(x, new Element('photo'));
}

/** RFC 6121 §4.7.2.3: an integer in -128..127; missing or invalid is 0. */
export function parsePriority(stanza: Element): number {
  const text = stanza.getChildText('priority');
  if (text === null || text === undefined) return 0;
  const n = Number.parseInt(text.trim(), 10);
  if (!Number.isFinite(n)) return 0;
  return Math.max(-128, Math.min(127, n));
}
