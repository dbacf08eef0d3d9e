import { describe, expect, it } from 'vitest';
import { createJsonRpcDecoder } from './json-rpc';

// The examples of the JSON-RPC 2.0 specification (section 7) and of Ethereum's eth_subscribe
// documentation (geth "Real-time events"), written out.
describe('JSON-RPC 2.0', () => {
  it('reads requests, results, errors, notifications and names answers by their request', () => {
    const d = createJsonRpcDecoder();
    const msgs = [
      ['out', '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}'],
      ['in', '{"jsonrpc": "2.0", "result": 19, "id": 1}'],
      ['out', '{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}'],
      ['out', '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}'],
      ['in', '{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}'],
      ['in', '{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}'],
    ].flatMap(([direction, text], i) => d.push({ seq: i + 1, direction: direction as 'in' | 'out', text: text! }).messages);
    expect(msgs.map((m) => [m.type, m.kind, m.name, m.id])).toEqual([
      ['request', 'request', 'subtract', '1'],
      ['result', 'reply', 'subtract', '1'],
      ['notification', 'data', 'update', undefined],
      ['request', 'request', 'foobar', '1'],
      ['error', 'error', 'foobar', '1'],
      ['error', 'error', 'Parse error', undefined],
    ]);
  });
  it('reads a batch as several messages and flags an empty or mixed one', () => {
    const d = createJsonRpcDecoder();
    const batch = d.push({ seq: 1, text: '[{"jsonrpc":"2.0","method":"sum","params":[1,2,4],"id":"1"},{"jsonrpc":"2.0","method":"notify_hello","params":[7]}]' });
    expect(batch.messages.map((m) => m.name)).toEqual(['sum', 'notify_hello']);
    expect(d.push({ seq: 2, text: '[]' }).error).toBeDefined();
    expect(d.push({ seq: 3, text: '[1,2,3]' }).error).toBeDefined();
    expect(d.push({ seq: 4, text: '{"jsonrpc":"1.0","method":"x"}' }).error).toBeDefined();
  });
  it('names eth_subscription notifications by what was subscribed', () => {
    const d = createJsonRpcDecoder();
    const msgs = [
      '{"id": 1, "jsonrpc": "2.0", "method": "eth_subscribe", "params": ["newHeads"]}',
      '{"jsonrpc":"2.0","id":1,"result":"0xcd0c3e8af590364c09d0fa6a1210faf5"}',
      '{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0xcd0c3e8af590364c09d0fa6a1210faf5","result":{"number":"0x1b4"}}}',
    ].flatMap((text, i) => d.push({ seq: i + 1, text }).messages);
    expect(msgs.map((m) => [m.kind, m.name])).toEqual([['subscribe', 'eth_subscribe'], ['reply', 'eth_subscribe'], ['data', 'newHeads']]);
    expect(msgs[2]?.channel).toBe('0xcd0c3e8af590364c09d0fa6a1210faf5');
  });
});
