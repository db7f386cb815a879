import { z } from 'zod';

/** What `station.verifyAudit` found: ok only when the chain and every record check out. */
export const AuditReport = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  problems: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.enum(['missing_entry', 'broken_link', 'edited_entry', 'truncated']), seq: z.number().int() }),
      z.object({
        kind: z.enum(['unaudited_record', 'edited_record']),
        recordId: z.string(),
        version: z.number().int(),
      }),
    ]),
  ),
});
export type AuditReport = z.infer<typeof AuditReport>;
