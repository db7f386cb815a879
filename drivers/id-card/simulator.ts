import { concatBytes } from '../core/byte-buffer.js';
import type { ByteTransport } from '../core/transport.js';
import { encodeCardText, encodeReadData, PHOTO_LENGTH } from './card-text.js';
import type { CardText } from './card-text.js';
import { COMMANDS, encodeReply, isCommand, RequestDecoder, SW3 } from './messages.js';
import type { Reply, Request } from './messages.js';

/** A card to lay on the simulated reader: its chip text (as stored) and a 1024-byte photo. */
export interface SimulatedCard extends CardText {
  readonly photo: Uint8Array;
}

/**
 * Faults the simulator can put into its next answer to one command: a wrong XOR, a read that
 * fails on the card (SW3 41), an answer cut off halfway, or line noise before the answer.
 */
export type ReaderFault = 'bad-xor' | 'read-failure' | 'truncated' | 'garbage-before';
export type FaultTarget = 'find' | 'select' | 'read';

/**
 * The payloads of the find (4 bytes) and select (8 bytes) replies are not in the source; the
 * simulator sends zeros of the length module manuals commonly show, and the driver reads
 * nothing from them.
 */
const FIND_PAYLOAD = new Uint8Array(4);
const SELECT_PAYLOAD = new Uint8Array(8);
const NOISE = Uint8Array.of(0x00, 0xff, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xaa);

const reply = (sw3: number, data: Uint8Array = new Uint8Array(0)): Reply => ({ sw1: 0, sw2: 0, sw3, data });

/**
 * The reader's side of the cable: answers each command the way the source's module does,
 * byte for byte through the same encoder the driver decodes with. Pulling the cable is the
 * caller's (socat pair or byte pipe).
 */
export class IdReaderSimulator {
  private readonly decoder = new RequestDecoder();
  private card: SimulatedCard | null = null;
  private selected = false;
  private readonly faults: { fault: ReaderFault; on: FaultTarget }[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** Every command received, in order, for tests to look at. */
  readonly received: Request[] = [];

  constructor(private readonly transport: ByteTransport) {
    transport.onData((chunk) => {
      for (const request of this.decoder.push(chunk)) this.answer(request);
    });
  }

  place(card: SimulatedCard): void {
    if (card.photo.length !== PHOTO_LENGTH) throw new RangeError(`photo must be ${PHOTO_LENGTH} bytes`);
    encodeCardText(card); // throws now, not mid-answer, if a field does not fit
    this.card = card;
    this.selected = false;
  }

  remove(): void {
    this.card = null;
    this.selected = false;
  }

  /** The next answer to `on` carries `fault` (once). */
  injectFault(fault: ReaderFault, on: FaultTarget = 'read'): void {
    this.faults.push({ fault, on });
  }

  private answer(request: Request): void {
    this.received.push(request);
    const target = this.targetOf(request);
    const answer = this.replyTo(request);
    if (!answer) return;
    const index = this.faults.findIndex((f) => f.on === target);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0]?.fault : undefined;
    this.send(fault, answer);
  }

  private targetOf(request: Request): FaultTarget | null {
    if (isCommand(request, COMMANDS.find)) return 'find';
    if (isCommand(request, COMMANDS.select)) return 'select';
    if (isCommand(request, COMMANDS.read)) return 'read';
    return null;
  }

  private replyTo(request: Request): Reply | null {
    if (isCommand(request, COMMANDS.reset) || isCommand(request, COMMANDS.status)) return reply(SW3.ok);
    if (isCommand(request, COMMANDS.find)) return this.card ? reply(SW3.found, FIND_PAYLOAD) : reply(SW3.noCard);
    if (isCommand(request, COMMANDS.select)) {
      if (!this.card) return reply(SW3.selectFailed);
      this.selected = true;
      return reply(SW3.ok, SELECT_PAYLOAD);
    }
    if (isCommand(request, COMMANDS.read)) {
      if (!this.card || !this.selected) return reply(SW3.readFailed);
      return reply(SW3.ok, encodeReadData(encodeCardText(this.card), this.card.photo));
    }
    // The source lists no answer to other commands; a module that does not know one stays silent.
    return null;
  }

  private send(fault: ReaderFault | undefined, answer: Reply): void {
    let bytes = encodeReply(fault === 'read-failure' ? reply(SW3.readFailed) : answer);
    if (fault === 'bad-xor') {
      bytes = bytes.slice();
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
    }
    if (fault === 'truncated') bytes = bytes.slice(0, Math.floor(bytes.length / 2));
    if (fault === 'garbage-before') bytes = concatBytes([NOISE, bytes]);
    const out = bytes;
    // One answer after another, in order; a write to a pulled cable is simply lost.
    this.writing = this.writing.then(() => this.transport.write(out)).catch(() => undefined);
  }
}
