import { ValidationError } from '@scorecard/errors';
import type { IngestEvent } from '@scorecard/contracts';
import { unwrapFreshdeskPayload, freshdeskTicketWebhooks } from '../domain/mappings/freshdesk';
import { mapRecord } from '../domain/mappings/map-record';
import { flattenZendeskEvent, zendeskTicketEvents } from '../domain/mappings/zendesk';
import type { AcceptResult } from './accept-events';

export type WebhookProvider = 'zendesk' | 'freshdesk';

const shapes = {
  zendesk: { flatten: flattenZendeskEvent, mapping: zendeskTicketEvents },
  freshdesk: { flatten: unwrapFreshdeskPayload, mapping: freshdeskTicketWebhooks },
} as const;

/**
 * Maps an authenticated webhook payload onto a canonical ticket event and accepts it. A payload
 * that does not map is the sender's error: 400 naming the field, nothing accepted.
 */
export async function receiveWebhook(
  accept: (tenantId: string, events: readonly IngestEvent[]) => Promise<AcceptResult>,
  provider: WebhookProvider,
  tenantId: string,
  payload: unknown,
): Promise<AcceptResult> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ValidationError(
      [{ path: '', message: 'must be a JSON object' }],
      'The webhook body must be a JSON object',
    );
  }
  const { flatten, mapping } = shapes[provider];
  const mapped = mapRecord(mapping, flatten(payload as Record<string, unknown>));
  if (!mapped.ok) {
    throw new ValidationError(
      [{ path: mapped.field ?? '', message: mapped.message }],
      `The ${provider} webhook does not map onto a ticket event`,
    );
  }
  return accept(tenantId, [mapped.event]);
}
