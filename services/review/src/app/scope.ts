import type { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { relationTo, type Relation } from '../domain/access';
import { manages, reportsOf } from '../adapters/postgres/people-store';

/** How the caller relates to a person, from the reporting-line closure. */
export async function relationOf(em: EntityManager, who: Identity, personId: string): Promise<Relation> {
  const isManager = who.roles.includes('manager') && who.employeeId !== undefined;
  const managesPerson = isManager && (await manages(em, who.tenantId, who.employeeId as string, personId));
  return relationTo(who, personId, managesPerson);
}

/**
 * The caller may see this person's data, else 404: a manager of another team learns nothing,
 * not even that the person has a scorecard.
 */
export async function requireAccess(
  em: EntityManager,
  who: Identity,
  personId: string,
): Promise<Exclude<Relation, 'none'>> {
  const relation = await relationOf(em, who, personId);
  if (relation === 'none') throw new NotFoundError('No such person in your scope');
  return relation;
}

/** A reviewer (a manager above the person, or HR) — never the person themselves. */
export async function requireReviewer(em: EntityManager, who: Identity, personId: string): Promise<void> {
  const relation = await requireAccess(em, who, personId);
  if (relation === 'self') throw new ForbiddenError('You cannot review your own scorecard');
  if (relation === 'tenant_wide' && !who.roles.includes('hr'))
    throw new ForbiddenError('Only managers of this person or HR review scorecards');
}

/** Whose data a list may include: null means everyone in the tenant. */
export async function visiblePeople(em: EntityManager, who: Identity): Promise<string[] | null> {
  if (who.roles.includes('hr') || who.roles.includes('exec')) return null;
  const own = who.employeeId === undefined ? [] : [who.employeeId];
  if (!who.roles.includes('manager') || who.employeeId === undefined) return own;
  return [...own, ...(await reportsOf(em, who.tenantId, who.employeeId))];
}
