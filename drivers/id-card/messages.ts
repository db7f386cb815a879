import type { StreamDecoder } from '../core/decoder.js';
import { encodeFrame, FrameDecoder } from './frame.js';

/** A command to the module: command byte, parameter byte, optional data. */
export interface Request {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

/** The module's answer: three status bytes (SW3 is the one that tells), then data. */
export interface Reply {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

export interface Command {
  readonly name: string;
  readonly cmd: number;
  readonly para: number;
}

/** The commands of IDReader.h (reset SAM, SAM status, find, select, read text and photo). */
export const COMMANDS = {
  reset: { name: 'reset SAM', cmd: 0x01, para: 0xff },
  status: { name: 'SAM status', cmd: 0x11, para: 0xff },
  find: { name: 'find card', cmd: 0x20, para: 0x01 },
  select: { name: 'select card', cmd: 0x20, para: 0x02 },
  read: { name: 'read text and photo', cmd: 0x30, para: 0x01 },
} as const satisfies Record<string, Command>;

/** SW3 values: success, find success, and the failures of find, select and read. */
export const SW3 = {
  ok: 0x90,
  found: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
} as const;

export const requestOf = (command: Command, data: Uint8Array = new Uint8Array(0)): Request => ({
  cmd: command.cmd,
  para: command.para,
  data,
});

export const isCommand = (request: Request, command: Command): boolean =>
  request.cmd === command.cmd && request.para === command.para;

export function encodeRequest(request: Request): Uint8Array {
  const body = new Uint8Array(2 + request.data.length);
  body[0] = request.cmd;
  body[1] = request.para;
  body.set(request.data, 2);
  return encodeFrame(body);
}

export function encodeReply(reply: Reply): Uint8Array {
  const body = new Uint8Array(3 + reply.data.length);
  body[0] = reply.sw1;
  body[1] = reply.sw2;
  body[2] = reply.sw3;
  body.set(reply.data, 3);
  return encodeFrame(body);
}

/** A StreamDecoder over FrameDecoder that turns each body into a typed message. */
abstract class MessageDecoder<M> implements StreamDecoder<M> {
  protected readonly frames: FrameDecoder;

  constructor(minBody: number) {
    this.frames = new FrameDecoder(minBody);
  }

  get dropped(): number {
    return this.frames.dropped;
  }

  get checksumFailures(): number {
    return this.frames.checksumFailures;
  }

  get pending(): number {
    return this.frames.pending;
  }

  push(chunk: Uint8Array): M[] {
    return this.frames.push(chunk).map((body) => this.messageOf(body));
  }

  reset(): void {
    this.frames.reset();
  }

  protected abstract messageOf(body: Uint8Array): M;
}

/** The station's side: replies from the module. */
export class ReplyDecoder extends MessageDecoder<Reply> {
  constructor() {
    super(3);
  }

  protected messageOf(body: Uint8Array): Reply {
    return { sw1: body[0] as number, sw2: body[1] as number, sw3: body[2] as number, data: body.subarray(3) };
  }
}

/** The module's side (the simulator): requests from the station. */
export class RequestDecoder extends MessageDecoder<Request> {
  constructor() {
    super(2);
  }

  protected messageOf(body: Uint8Array): Request {
    return { cmd: body[0] as number, para: body[1] as number, data: body.subarray(2) };
  }
}
