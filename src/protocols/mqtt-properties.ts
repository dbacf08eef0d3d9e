// MQTT 5 properties (section 2.2.2.2 of the spec): an identifier and a value of the type the
// identifier fixes, as a plain object for the decoded tree.

import type { ByteReader } from './byte-reader';

type PropType = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'binary' | 'pair';

const PROPS: Record<number, [string, PropType]> = {
  0x01: ['payloadFormatIndicator', 'byte'],
  0x02: ['messageExpiryInterval', 'u32'],
  0x03: ['contentType', 'string'],
  0x08: ['responseTopic', 'string'],
  0x09: ['correlationData', 'binary'],
  0x0b: ['subscriptionIdentifier', 'varint'],
  0x11: ['sessionExpiryInterval', 'u32'],
  0x12: ['assignedClientIdentifier', 'string'],
  0x13: ['serverKeepAlive', 'u16'],
  0x15: ['authenticationMethod', 'string'],
  0x16: ['authenticationData', 'binary'],
  0x17: ['requestProblemInformation', 'byte'],
  0x18: ['willDelayInterval', 'u32'],
  0x19: ['requestResponseInformation', 'byte'],
  0x1a: ['responseInformation', 'string'],
  0x1c: ['serverReference', 'string'],
  0x1f: ['reasonString', 'string'],
  0x21: ['receiveMaximum', 'u16'],
  0x22: ['topicAliasMaximum', 'u16'],
  0x23: ['topicAlias', 'u16'],
  0x24: ['maximumQoS', 'byte'],
  0x25: ['retainAvailable', 'byte'],
  0x26: ['userProperties', 'pair'],
  0x27: ['maximumPacketSize', 'u32'],
  0x28: ['wildcardSubscriptionAvailable', 'byte'],
  0x29: ['subscriptionIdentifierAvailable', 'byte'],
  0x2a: ['sharedSubscriptionAvailable', 'byte'],
};

/** Reads a property length and the properties; throws (ShortRead / Error) on a malformed block. */
export function readProperties(r: ByteReader): Record<string, unknown> {
  const len = r.varint();
  const end = r.pos + len;
  if (len > r.left) throw new Error('properties longer than the packet');
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const id = r.varint();
    const def = PROPS[id];
    if (!def) throw new Error(`unknown property 0x${id.toString(16)}`);
    const [name, type] = def;
    let value: unknown;
    switch (type) {
      case 'byte': value = r.u8(); break;
      case 'u16': value = r.u16(); break;
      case 'u32': value = r.u32(); break;
      case 'varint': value = r.varint(); break;
      case 'string': value = r.lenString(); break;
      case 'binary': value = { binary: r.lenBytes().length }; break;
      case 'pair': {
        const k = r.lenString();
        const v = r.lenString();
        const pairs = (out[name] as Array<[string, string]> | undefined) ?? [];
        pairs.push([k, v]);
        value = pairs;
        break;
      }
    }
    // Subscription identifiers may repeat on a PUBLISH.
    if (name === 'subscriptionIdentifier' && out[name] !== undefined) value = [out[name], value].flat();
    out[name] = value;
  }
  if (r.pos !== end) throw new Error('properties overrun their length');
  return out;
}
