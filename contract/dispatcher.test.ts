import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import type { ClientTransport } from './client.js';
import { call, subscription } from './define.js';
import { createDispatcher } from './dispatcher.js';
import { StationError } from './errors.js';

const contract = {
  demo: {
    echo: call(z.object({ text: z.string().max(10) }).strict(), z.object({ text: z.string() })),
    boom: call(z.object({}).strict(), z.null()),
    refuse: call(z.object({}).strict(), z.null()),
    ticks: subscription(z.object({ every: z.number().int().positive() }).strict(), z.number()),
  },
} as const;

function setup() {
  const onInternal = vi.fn();
  const echo = vi.fn((input: { text: string }) => ({ text: input.text.toUpperCase() }));
  const dispatcher = createDispatcher(
    contract,
    {
      demo: {
        echo,
        boom: () => {
          throw new Error('secret detail that must not leak');
        },
        refuse: () => {
          throw new StationError('not_found');
        },
        ticks: (input, emit) => {
          emit(input.every);
          return () => undefined;
        },
      },
    },
    onInternal,
  );
  return { dispatcher, echo, onInternal };
}

const ctx = { via: 'internal' } as const;

describe('dispatcher', () => {
  it('parses the input and calls the handler', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.call('demo.echo', { text: 'hi' }, ctx)).toEqual({ ok: true, value: { text: 'HI' } });
  });

  it.each([
    ['wrong type', { text: 42 }],
    ['missing field', {}],
    ['unknown field', { text: 'a', extra: true }],
    ['too long', { text: 'x'.repeat(11) }],
    ['not an object', 'DROP TABLE patients;'],
    ['null', null],
  ])('refuses %s with invalid_input and never reaches the handler', async (_name, input) => {
    const { dispatcher, echo } = setup();
    const result = await dispatcher.call('demo.echo', input, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.messageKey).toBe('errors.invalid_input');
      expect(result.error.details?.issues?.length).toBeGreaterThan(0);
    }
    expect(echo).not.toHaveBeenCalled();
  });

  it.each(['demo.nope', 'nope.echo', '__proto__.constructor', 'demo.ticks', '', 'demo'])(
    'refuses unknown method %j',
    async (channel) => {
      const { dispatcher } = setup();
      const result = await dispatcher.call(channel, {}, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    },
  );

  it('hides unexpected handler errors behind internal and reports them', async () => {
    const { dispatcher, onInternal } = setup();
    const result = await dispatcher.call('demo.boom', {}, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'internal', messageKey: 'errors.internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('passes a handler’s StationError through unchanged', async () => {
    const { dispatcher, onInternal } = setup();
    expect(await dispatcher.call('demo.refuse', {}, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(onInternal).not.toHaveBeenCalled();
  });

  it('validates subscription input and emits events', () => {
    const { dispatcher } = setup();
    const events: unknown[] = [];
    expect(dispatcher.subscribe('demo.ticks', { every: 0 }, (e) => events.push(e), ctx)).toMatchObject({ ok: false });
    expect(dispatcher.subscribe('demo.echo', { text: 'a' }, (e) => events.push(e), ctx)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(dispatcher.subscribe('demo.ticks', { every: 5 }, (e) => events.push(e), ctx).ok).toBe(true);
    expect(events).toEqual([5]);
  });

  it('refuses to build with a missing handler', () => {
    expect(() => createDispatcher(contract, { demo: {} } as never)).toThrow(/no handler for demo.echo/);
  });
});

describe('client', () => {
  function loopback(): ClientTransport {
    const { dispatcher } = setup();
    return {
      call: (channel, input) => dispatcher.call(channel, input, ctx),
      subscribe: (channel, input, onEvent, onError) => {
        const result = dispatcher.subscribe(channel, input, onEvent, ctx);
        if (!result.ok) {
          onError(result.error);
          return () => undefined;
        }
        return result.value;
      },
    };
  }

  it('exposes exactly the contract’s methods, frozen', () => {
    const client = createClient(contract, loopback());
    expect(Object.keys(client)).toEqual(['demo']);
    expect(Object.keys(client.demo)).toEqual(['echo', 'boom', 'refuse', 'ticks']);
    expect(Object.isFrozen(client) && Object.isFrozen(client.demo)).toBe(true);
  });

  it('resolves values and rejects with a StationError carrying the message key', async () => {
    const client = createClient(contract, loopback());
    await expect(client.demo.echo({ text: 'ok' })).resolves.toEqual({ text: 'OK' });
    const error = await client.demo.echo({ text: 'x'.repeat(20) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).messageKey).toBe('errors.invalid_input');
  });

  it('rejects a core answer that does not match the output schema', async () => {
    const client = createClient(contract, { ...loopback(), call: async () => ({ ok: true, value: { wrong: 1 } }) });
    await expect(client.demo.echo({ text: 'a' })).rejects.toMatchObject({ code: 'internal' });
  });
});
