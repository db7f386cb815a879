import type { z } from 'zod';

/** A request/response call: the input is parsed on the core side, the output on the client side. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}

/** A subscription: the client asks once and receives events until it unsubscribes. */
export interface SubscriptionDef<I extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  readonly kind: 'subscription';
  readonly input: I;
  readonly event: E;
}

export type MethodDef = CallDef | SubscriptionDef;
export type DomainDef = Readonly<Record<string, MethodDef>>;
export type ContractDef = Readonly<Record<string, DomainDef>>;

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { kind: 'call', input, output };
}

export function subscription<I extends z.ZodType, E extends z.ZodType>(input: I, event: E): SubscriptionDef<I, E> {
  return { kind: 'subscription', input, event };
}

export type Unsubscribe = () => void;

/** What a caller (renderer, test) sees: one async function per call, one subscribe per subscription. */
export type ClientOf<C extends ContractDef> = {
  readonly [D in keyof C]: {
    readonly [M in keyof C[D]]: C[D][M] extends CallDef<infer I, infer O>
      ? (input: z.input<I>) => Promise<z.output<O>>
      : C[D][M] extends SubscriptionDef<infer I, infer E>
        ? (input: z.input<I>, listener: (event: z.output<E>) => void) => Unsubscribe
        : never;
  };
};

/** Context the core knows about a caller; shells fill it in. */
export interface CallContext {
  /** Which shell carried the call: used in logs and, later, audit entries. */
  readonly via: 'ipc' | 'websocket' | 'internal';
}

/** What the core implements: handlers receive parsed input and return the output's input form. */
export type HandlersOf<C extends ContractDef> = {
  readonly [D in keyof C]: {
    readonly [M in keyof C[D]]: C[D][M] extends CallDef<infer I, infer O>
      ? (input: z.output<I>, ctx: CallContext) => Promise<z.input<O>> | z.input<O>
      : C[D][M] extends SubscriptionDef<infer I, infer E>
        ? (input: z.output<I>, emit: (event: z.input<E>) => void, ctx: CallContext) => Unsubscribe
        : never;
  };
};

/** Every (domain, method) pair of a contract, in declaration order. */
export function methodsOf(contract: ContractDef): { domain: string; method: string; def: MethodDef }[] {
  return Object.entries(contract).flatMap(([domain, methods]) =>
    Object.entries(methods).map(([method, def]) => ({ domain, method, def })),
  );
}

/** The channel name of a method, shared by IPC and the socket protocol. */
export function channelOf(domain: string, method: string): string {
  return `${domain}.${method}`;
}
