import type { Specialty, Urgency } from '../../../contract/consults/consult.js';

/** What routing needs to know of a waiting consult. */
export interface RoutableConsult {
  specialty: Specialty;
  routedSpecialty: Specialty;
  urgency: Urgency;
  requestedAt: Date;
  widenedAt: Date | null;
}

/**
 * Decides who a consult goes to: every available specialist of the audience is rung at once
 * (the console rings an emergency until someone answers it). The first version routes by specialty and widens to general
 * medicine when nobody accepts in time; expert matching can replace it behind this interface.
 */
export interface ConsultRouter {
  /** Specialties whose specialists see the consult in their queue. */
  audience(consult: RoutableConsult): Specialty[];
  /** The specialty to widen to if it is time, else null. */
  widenTo(consult: RoutableConsult, now: Date): Specialty | null;
}

export interface SpecialtyRouterOptions {
  /** How long a consult waits for its specialty before general medicine sees it too. */
  widenAfterMs: number;
}

export function createSpecialtyRouter(options: SpecialtyRouterOptions): ConsultRouter {
  return {
    audience: (consult) =>
      consult.routedSpecialty === consult.specialty
        ? [consult.specialty]
        : [consult.specialty, consult.routedSpecialty],
    widenTo: (consult, now) =>
      consult.widenedAt === null &&
      consult.specialty !== 'general' &&
      now.getTime() - consult.requestedAt.getTime() >= options.widenAfterMs
        ? 'general'
        : null,
  };
}

/** The routing facts of a stored consult row. */
export function routable(row: {
  specialty: Specialty;
  routed_specialty: Specialty;
  urgency: Urgency;
  requested_at: Date;
  widened_at: Date | null;
}): RoutableConsult {
  return {
    specialty: row.specialty,
    routedSpecialty: row.routed_specialty,
    urgency: row.urgency,
    requestedAt: new Date(row.requested_at),
    widenedAt: row.widened_at === null ? null : new Date(row.widened_at),
  };
}
