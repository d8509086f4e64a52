// Private XML storage (XEP-0049, Prosody's mod_private) per account: CORE-IQ-15.
import { Element } from 'ltx';
import { childElements, copyElement, errorReply, iqResult } from './stanza';

export const NS_PRIVATE = 'jabber:iq:private';

export class PrivateStorage {
  /** By account, then by `name:xmlns` of the stored element. */
  private readonly items = new Map<string, Map<string, Element>>();

  clear(): void {
    this.items.clear();
  }

  /**
   * CORE-IQ-15: an iq get/set `<query xmlns='jabber:iq:private'>` to one's own account. Exactly one
   * child, else bad-format (modify). A set stores the child (an empty one deletes) and answers an empty
   * result; a get answers the stored element, or echoes the query when nothing is stored.
   */
  handle(iq: Element, bare: string): Element {
    const query = childElements(iq)[0];
    const kids = childElements(query);
    if (kids.length !== 1) return errorReply(iq, 'modify', 'bad-format');
    const tag = kids[0];
    const key = `${tag.name}:${tag.attrs.xmlns ?? ''}`;
    let mine = this.items.get(bare);
    if (iq.attrs.type === 'set') {
      if (!mine) this.items.set(bare, (mine = new Map()));
      if (tag.children.length === 0) mine.delete(key);
      else mine.set(key, copyElement(tag));
      return iqResult(iq);
    }
    const reply = iqResult(iq);
    const stored = mine?.get(key);
    if (stored) reply.c('query', { xmlns: NS_PRIVATE }).cnode(copyElement(stored));
    else reply.cnode(copyElement(query));
    return reply;
  }
}
