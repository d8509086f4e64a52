import { describe, expect, it } from 'vitest';
import { connectHint } from './connectHint';

describe('connectHint', () => {
  it('names the command and the URL of a local server for a refused connection', () => {
    const h = connectHint(
      'Romeo could not connect: cannot connect to ws://127.0.0.1:6699/xmpp-websocket: no server answered (ECONNERROR)',
    );
    expect(h).toContain('npm run prosody');
    expect(h).toContain('ws://127.0.0.1:5280/xmpp-websocket');
  });
  it('says nothing for other failures', () => {
    expect(connectHint('Romeo could not connect: authentication failed for romeo@localhost')).toBeNull();
    expect(connectHint(undefined)).toBeNull();
  });
});
