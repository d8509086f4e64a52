// vCards of accounts as Prosody's mod_vcard_legacy keeps them: a vcard-temp set by the account is
// converted to vCard4 and published to its PEP node `urn:xmpp:vcard4` (access model open); a vcard-temp
// get converts the node's item back (CORE-IQ-9, CORE-IQ-17). What is stored here is the vcard-temp a get
// will answer, i.e. the two conversions composed.
import { Element } from 'ltx';
import { childElements, copyElement, iqResult } from './stanza';

export const NS_VCARD = 'vcard-temp';
export const NODE_VCARD4 = 'urn:xmpp:vcard4';

/** Fields mapped one to one (`<NICKNAME>x</NICKNAME>` <-> `<nickname><text>x</text></nickname>`). */
const SIMPLE = new Set(['NICKNAME', 'TITLE', 'ROLE', 'CATEGORIES', 'NOTE', 'URL', 'BDAY']);
/** Fields whose conversion the mock does not follow (their vCard4 forms, avatars): not stored. */
const NOT_MODELLED = new Set(['TEL', 'ADR', 'PHOTO']);

/** util.stanza's get_text(): the text of an element with no child elements, else nothing. */
function textOf(el: Element | undefined): string | undefined {
  if (!el || childElements(el).length > 0) return undefined;
  return el.children.filter((c) => typeof c === 'string').join('');
}

function textTag(parent: Element, name: string, text: string | undefined): void {
  const el = parent.c(name);
  if (text) el.t(text);
}

/** vcard_to_pep then the get handler's conversion back, for the fields the mock follows. */
function roundTrip(vcard: Element): { vcard: Element; skipped: string[] } {
  const out = new Element('vCard', { xmlns: NS_VCARD });
  const child = (el: Element | undefined, name: string) =>
    el && childElements(el).find((c) => c.name === name);
  textTag(out, 'FN', textOf(child(vcard, 'FN')));
  const n = child(vcard, 'N');
  const outN = out.c('N');
  for (const f of ['FAMILY', 'GIVEN', 'MIDDLE', 'PREFIX', 'SUFFIX']) textTag(outN, f, textOf(child(n, f)));
  const skipped: string[] = [];
  for (const tag of childElements(vcard)) {
    const text = textOf(tag);
    if (SIMPLE.has(tag.name.toUpperCase())) {
      if (text !== undefined) textTag(out, tag.name.toUpperCase(), text);
    } else if (tag.name === 'DESC') {
      if (text !== undefined) textTag(out, 'NOTE', text);
    } else if (tag.name === 'EMAIL') {
      const userid = textOf(child(tag, 'USERID'));
      if (userid !== undefined) {
        const email = out.c('EMAIL');
        textTag(email, 'USERID', userid);
        email.c('INTERNET');
        if (child(tag, 'HOME')) email.c('HOME');
        else if (child(tag, 'WORK')) email.c('WORK');
      }
    } else if (tag.name === 'ORG') {
      const name = textOf(child(tag, 'ORGNAME'));
      if (name !== undefined) textTag(out.c('ORG'), 'ORGNAME', name);
    } else if (tag.name === 'JABBERID') {
      textTag(out, 'JABBERID', text ?? '');
    } else if (NOT_MODELLED.has(tag.name)) {
      skipped.push(tag.name);
    }
  }
  return { vcard: out, skipped };
}

export class AccountVcards {
  /** By account: the vcard-temp a get answers (present once the account set one). */
  private readonly vcards = new Map<string, Element>();

  constructor(
    /** Told which fields of a set vCard the mock does not convert (a not-modelled warning). */
    private readonly notModelled: (message: string, stanza: Element) => void = () => undefined,
  ) {}

  clear(): void {
    this.vcards.clear();
  }

  /** The account's PEP nodes (mod_pep's account-disco-items): the vCard4 node once a vCard was set. */
  nodes(bare: string): string[] {
    return this.vcards.has(bare) ? [NODE_VCARD4] : [];
  }

  /**
   * CORE-IQ-17: a vcard-temp set to one's own account is published (an empty result); the fields the
   * mock does not convert are left out and reported.
   */
  set(iq: Element, bare: string): Element | undefined {
    const p = childElements(iq)[0];
    if (iq.attrs.type !== 'set' || p?.name !== 'vCard' || p.attrs.xmlns !== NS_VCARD) return undefined;
    const { vcard, skipped } = roundTrip(p);
    if (skipped.length > 0)
      this.notModelled(`vCard fields the mock does not convert (left out): ${skipped.join(', ')}`, iq);
    this.vcards.set(bare, vcard);
    return iqResult(iq);
  }

  /**
   * CORE-IQ-9: a vcard-temp get to an account's bare JID (one's own or another's: the node is open):
   * the converted vCard, or an empty `<vCard/>` while the account has none.
   */
  get(iq: Element, owner: string): Element | undefined {
    const p = childElements(iq)[0];
    if (iq.name !== 'iq' || iq.attrs.type !== 'get' || p?.name !== 'vCard' || p.attrs.xmlns !== NS_VCARD)
      return undefined;
    const reply = iqResult(iq);
    const stored = this.vcards.get(owner);
    reply.cnode(stored ? copyElement(stored) : new Element('vCard', { xmlns: NS_VCARD }));
    return reply;
  }
}
