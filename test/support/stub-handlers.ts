import { methodsOf } from '../../contract/define.js';
import type { HandlersOf } from '../../contract/define.js';
import { StationError } from '../../contract/errors.js';
import { stationContract } from '../../contract/index.js';
import type { StationContract } from '../../contract/index.js';

type DomainOverrides = { [D in keyof HandlersOf<StationContract>]?: Partial<HandlersOf<StationContract>[D]> };

/**
 * A full handler set for tests of the shells: the given handlers, and for every other method
 * of the contract one that refuses with `internal`, so adding a domain breaks no shell test.
 */
export function stubHandlers(overrides: DomainOverrides): HandlersOf<StationContract> {
  const handlers: Record<string, Record<string, unknown>> = {};
  for (const { domain, method, def } of methodsOf(stationContract)) {
    const given = (overrides as Record<string, Record<string, unknown> | undefined>)[domain]?.[method];
    const fallback =
      def.kind === 'call'
        ? () => {
            throw new StationError('internal');
          }
        : () => () => undefined;
    (handlers[domain] ??= {})[method] = given ?? fallback;
  }
  return handlers as unknown as HandlersOf<StationContract>;
}
