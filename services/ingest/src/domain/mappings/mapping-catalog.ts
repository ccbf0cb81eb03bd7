import { canonicalTableMappings } from './canonical-tables';
import {
  dotmacCrmLeads,
  dotmacCrmTickets,
  dotmacCrmWorkOrders,
  dotmacSubAvailabilitySnapshots,
  dotmacSubOutageIncidents,
} from './dotmac-crm';
import {
  dotmacInsightsCustomers,
  dotmacInsightsInvoices,
  dotmacInsightsOpportunities,
  dotmacInsightsPayments,
  dotmacInsightsServiceOrders,
  dotmacInsightsTickets,
  dotmacInsightsUnifiedTickets,
  erpnextEmployees,
} from './dotmac-insights';
import { freshdeskTicketWebhooks } from './freshdesk';
import type { RecordMapping } from './record-mapping';
import { zendeskTicketEvents } from './zendesk';

/** Every mapping configuration can name (CDC topics, polled tables) or a webhook uses. */
export const mappingCatalog: ReadonlyMap<string, RecordMapping> = new Map(
  [
    dotmacInsightsTickets,
    dotmacInsightsUnifiedTickets,
    dotmacInsightsServiceOrders,
    dotmacInsightsInvoices,
    dotmacInsightsPayments,
    dotmacInsightsOpportunities,
    dotmacInsightsCustomers,
    erpnextEmployees,
    dotmacCrmTickets,
    dotmacCrmWorkOrders,
    dotmacCrmLeads,
    dotmacSubOutageIncidents,
    dotmacSubAvailabilitySnapshots,
    zendeskTicketEvents,
    freshdeskTicketWebhooks,
    ...canonicalTableMappings,
  ].map((m) => [m.name, m]),
);

export function findMapping(name: string): RecordMapping | undefined {
  return mappingCatalog.get(name);
}
