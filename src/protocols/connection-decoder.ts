// One connection's frames decoded as they come, detection included: the protocol is guessed
// from the subprotocol and URL first, then from the first frames; when a better guess comes,
// the few frames seen so far are decoded again with it. Deterministic: the same frames in the
// same order give the same answers, in the filter worker and anywhere else.

import { detectProtocol, type Detection } from './detect';
import { createDecoder } from './registry';
import type { Decoder, FrameDecode, FrameInput, ProtocolId } from './types';

/** Frames looked at for detection; after them the guess stays. */
export const DETECT_FRAMES = 12;
/** A guess this sure is kept at once (a subprotocol, or an opening frame the decoder bears out). */
const SURE = 0.9;

export interface ConnectionInfo {
  url: string;
  /** Negotiated subprotocol. */
  protocol?: string;
  /** The user's choice for this URL (options page): decode as this, or 'none' for raw. */
  override?: ProtocolId | 'none';
}

export interface ConnectionDecode {
  /** The protocol this frame was read as (null: unknown, shown raw). */
  detection: Detection | null;
  decode: FrameDecode | null;
}

export class ConnectionDecoder {
  private detection: Detection | null;
  private decoder: Decoder | null;
  private readonly early: FrameInput[] = [];
  private settled: boolean;

  constructor(private readonly info: ConnectionInfo) {
    if (info.override === 'none') {
      this.detection = null;
      this.settled = true;
    } else if (info.override) {
      this.detection = { id: info.override, confidence: 1, reason: 'chosen in the options' };
      this.settled = true;
    } else {
      this.detection = detectProtocol({ url: info.url, ...(info.protocol ? { protocol: info.protocol } : {}), frames: [] });
      this.settled = (this.detection?.confidence ?? 0) >= SURE;
    }
    this.decoder = this.detection ? createDecoder(this.detection.id, { url: info.url }) : null;
  }

  get current(): Detection | null {
    return this.detection;
  }

  /** The guess is final and there is none: every further frame is raw. */
  get unknownForGood(): boolean {
    return this.settled && this.detection === null;
  }

  push(f: FrameInput): ConnectionDecode {
    if (!this.settled) {
      this.early.push(f);
      const next = detectProtocol({ url: this.info.url, ...(this.info.protocol ? { protocol: this.info.protocol } : {}), frames: this.early });
      if (next?.id !== this.detection?.id) {
        // A new guess: its decoder must have seen the earlier frames too (stream state, names by id).
        this.detection = next;
        this.decoder = next ? createDecoder(next.id, { url: this.info.url }) : null;
        for (const g of this.early.slice(0, -1)) this.decoder?.push(g);
      } else this.detection = next;
      if ((next?.confidence ?? 0) >= SURE || this.early.length >= DETECT_FRAMES) {
        this.settled = true;
        this.early.length = 0;
      }
    }
    return { detection: this.detection, decode: this.decoder ? this.decoder.push(f) : null };
  }
}
