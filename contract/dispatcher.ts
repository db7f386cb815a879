import type { z } from 'zod';
import { channelOf, methodsOf } from './define.js';
import type { CallContext, ContractDef, HandlersOf, MethodDef, Unsubscribe } from './define.js';
import { StationError, issuesOf } from './errors.js';
import type { StationErrorShape } from './errors.js';
import type { Result } from './wire.js';

type AnyCallHandler = (input: unknown, ctx: CallContext) => unknown;
type AnySubscribeHandler = (input: unknown, emit: (event: unknown) => void, ctx: CallContext) => Unsubscribe;

interface Entry {
  def: MethodDef;
  handler: AnyCallHandler | AnySubscribeHandler;
}

/**
 * The core-side handler registry. Every shell (IPC relay, socket server, tests) goes through
 * it, so every input is parsed by the contract's schema before a handler sees it.
 */
export interface Dispatcher {
  readonly channels: readonly string[];
  call(channel: string, rawInput: unknown, ctx: CallContext): Promise<Result>;
  subscribe(channel: string, rawInput: unknown, emit: (event: unknown) => void, ctx: CallContext): Result<Unsubscribe>;
}

/** Maps anything thrown by a handler to an error result; unexpected errors never leak their text. */
export function toErrorResult(error: unknown): { ok: false; error: StationErrorShape } {
  if (error instanceof StationError) return { ok: false, error: error.toShape() };
  return { ok: false, error: new StationError('internal').toShape() };
}

function parseInput(def: MethodDef, channel: string, rawInput: unknown): unknown {
  const parsed = (def.input as z.ZodType).safeParse(rawInput);
  if (!parsed.success) {
    throw new StationError('invalid_input', { method: channel, issues: issuesOf(parsed.error) });
  }
  return parsed.data;
}

export function createDispatcher<C extends ContractDef>(
  contract: C,
  handlers: HandlersOf<C>,
  onInternalError: (channel: string, error: unknown) => void = () => undefined,
): Dispatcher {
  const entries = new Map<string, Entry>();
  const table = handlers as unknown as Record<string, Record<string, Entry['handler']>>;
  for (const { domain, method, def } of methodsOf(contract)) {
    const handler = table[domain]?.[method];
    if (typeof handler !== 'function') throw new Error(`no handler for ${channelOf(domain, method)}`);
    entries.set(channelOf(domain, method), { def, handler });
  }

  function lookup(channel: string, kind: MethodDef['kind']): Entry {
    const entry = typeof channel === 'string' ? entries.get(channel) : undefined;
    if (entry?.def.kind !== kind) throw new StationError('unknown_method', { method: String(channel).slice(0, 128) });
    return entry;
  }

  function reportUnexpected(channel: string, error: unknown): void {
    if (!(error instanceof StationError)) onInternalError(channel, error);
  }

  return {
    channels: [...entries.keys()],
    async call(channel, rawInput, ctx) {
      try {
        const entry = lookup(channel, 'call');
        const input = parseInput(entry.def, channel, rawInput);
        const value = await (entry.handler as AnyCallHandler)(input, ctx);
        return { ok: true, value };
      } catch (error) {
        reportUnexpected(channel, error);
        return toErrorResult(error);
      }
    },
    subscribe(channel, rawInput, emit, ctx) {
      try {
        const entry = lookup(channel, 'subscription');
        const input = parseInput(entry.def, channel, rawInput);
        const unsubscribe = (entry.handler as AnySubscribeHandler)(input, emit, ctx);
        return { ok: true, value: unsubscribe };
      } catch (error) {
        reportUnexpected(channel, error);
        return toErrorResult(error);
      }
    },
  };
}
