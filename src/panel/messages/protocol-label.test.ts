import { describe, expect, it } from 'vitest';
import { ConnectionDecoder } from '../../protocols/connection-decoder';
import { protocolLabel } from './protocol-label';

const stomp = () => new ConnectionDecoder({ url: 'wss://x/', protocol: 'v12.stomp' });

describe('protocolLabel', () => {
  it('shows the data message of a frame, how many more it holds, and dims pure keep-alives', () => {
    const d = stomp();
    expect(protocolLabel(1, d.push({ seq: 1, direction: 'in', text: '\nMESSAGE\ndestination:/t/a\nsubscription:0\n\nx\u0000' }))).toEqual({ seq: 1, type: 'MESSAGE +1', name: '/t/a' });
    expect(protocolLabel(2, d.push({ seq: 2, direction: 'in', text: '\n' }))).toEqual({ seq: 2, type: 'heart-beat', keepalive: true });
  });
  it('marks the piece of a message that is not complete yet, and frames that are not the protocol', () => {
    const d = stomp();
    expect(protocolLabel(1, d.push({ seq: 1, direction: 'out', text: 'SEND\ndestinat' }))).toEqual({ seq: 1, type: 'SEND (part)' });
    expect(protocolLabel(2, d.push({ seq: 2, direction: 'out', text: 'ion:/q\n\nhi\u0000' }))).toEqual({ seq: 2, type: 'SEND', name: '/q' });
    expect(protocolLabel(3, d.push({ seq: 3, direction: 'in', text: 'HELLO\n\n\u0000' }))).toEqual({ seq: 3, type: '?', error: true });
  });
  it('gives nothing when the protocol is unknown', () => {
    const d = new ConnectionDecoder({ url: 'wss://x/' });
    expect(protocolLabel(1, d.push({ seq: 1, text: 'hello' }))).toBeNull();
    expect(protocolLabel(1, null)).toBeNull();
  });
});
