// A small script written for the editor's unit tests (not from Prosody's corpus).
export const SAMPLE = [
  '# MUC: a room with a password', // 1
  '## demo', // 2
  '', // 3
  '[Client] Romeo', // 4
  '\tjid: romeo@localhost', // 5
  '\tpassword: password', // 6
  '', // 7
  "[Client] Juliet's phone", // 8
  '\tjid: juliet@localhost', // 9
  '', // 10
  '-----', // 11
  '', // 12
  'Romeo connects', // 13
  '', // 14
  '# Join', // 15
  'Romeo sends:', // 16
  '\t<presence to="room@conference.localhost/Romeo">', // 17
  '\t\t<x xmlns="http://jabber.org/protocol/muc"/>', // 18
  '\t</presence>', // 19
  '', // 20
  'Romeo receives:', // 21
  "\t<presence from=\"${Romeo's full JID}\" id='{scansion:any}'>", // 22
  '\t\t<x xmlns="http://jabber.org/protocol/muc#user">', // 23
  "\t\t\t<status code='110'/>", // 24
  '\t\t</x>', // 25
  '\t</presence>', // 26
  '', // 27
  'Romeo receives: nothing', // 28
  '-- Romeo sends:', // 29
  'Romeo disconnects', // 30
  '', // 31
].join('\n');
