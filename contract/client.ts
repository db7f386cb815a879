import type { z } from 'zod';
import { channelOf, methodsOf } from './define.js';
import type { ClientOf, ContractDef, Unsubscribe } from './define.js';
import { StationError, StationErrorShape } from './errors.js';
import type { Result } from './wire.js';

/** How a client reaches the core: IPC in Electron, a WebSocket in browser mode. */
export interface ClientTransport {
  call(channel: string, input: unknown): Promise<Result>;
  subscribe(
    channel: string,
    input: unknown,
    onEvent: (value: unknown) => void,
    onError: (error: StationErrorShape) => void,
  ): Unsubscribe;
}

function unwrap(result: Result, output: z.ZodType): unknown {
  if (!result.ok) {
    const shape = StationErrorShape.safeParse(result.error);
    throw shape.success ? StationError.fromShape(shape.data) : new StationError('internal');
  }
  const parsed = output.safeParse(result.value);
  if (!parsed.success) throw new StationError('internal');
  return parsed.data;
}

/**
 * Builds the caller-side object (one namespace per domain) from the contract. There is no
 * generic "send anything" method: only the contract's methods exist on the result.
 */
export function createClient<C extends ContractDef>(
  contract: C,
  transport: ClientTransport,
  onSubscriptionError: (channel: string, error: StationError) => void = () => undefined,
): ClientOf<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { domain, method, def } of methodsOf(contract)) {
    const channel = channelOf(domain, method);
    const namespace = (api[domain] ??= {});
    if (def.kind === 'call') {
      namespace[method] = async (input: unknown) => unwrap(await transport.call(channel, input), def.output);
    } else {
      namespace[method] = (input: unknown, listener: (event: unknown) => void) =>
        transport.subscribe(
          channel,
          input,
          (value) => {
            const parsed = def.event.safeParse(value);
            if (parsed.success) listener(parsed.data);
            else onSubscriptionError(channel, new StationError('internal'));
          },
          (error) => onSubscriptionError(channel, StationError.fromShape(error)),
        );
    }
  }
  for (const namespace of Object.values(api)) Object.freeze(namespace);
  return Object.freeze(api) as ClientOf<C>;
}
