import { describe, expect, it } from 'vitest';
import { refusedMessage } from './xmpp';

const URL = 'ws://127.0.0.1:6699/xmpp-websocket';
const count = (s: string, part: string) => s.split(part).length - 1;

describe('refusedMessage', () => {
  it('names the URL once for the browser socket error', () => {
    const m = refusedMessage(URL, 'ECONNERROR', `WebSocket ECONNERROR ${URL}`);
    expect(m).toBe(`cannot connect to ${URL}: no server answered (ECONNERROR)`);
    expect(count(m, URL)).toBe(1);
  });
  it("says 'connection refused' for Node's ECONNREFUSED", () => {
    const m = refusedMessage('ws://127.0.0.1:1/x', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1');
    expect(m).toBe('cannot connect to ws://127.0.0.1:1/x: connection refused (ECONNREFUSED)');
  });
  it('keeps a cause that says more than "refused"', () => {
    const m = refusedMessage(URL, 'ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid');
    expect(m).toBe(`cannot connect to ${URL}: getaddrinfo ENOTFOUND nowhere.invalid`);
  });
});
