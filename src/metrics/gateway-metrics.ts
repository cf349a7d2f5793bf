// The gateway's calls as Prometheus metrics, named after Azure Monitor's
// Cognitive Services metrics (docs/metrics.md has the table). Figures are this
// process's own since it started; every sample carries the process label.
import type { Resource } from '../resources/resource.ts';
import { LATENCY_BUCKETS_MS } from './latency.ts';
import { Registry, type CounterChild, type HistogramChild } from './registry.ts';

/** Labels of every per-call series, in this order. */
export const CALL_LABELS = ['resource', 'resource_name', 'kind', 'region', 'operation'] as const;

export type BlockReason = 'rate' | 'quota' | 'expired';

/** One metered call as the metrics see it, once its reply has gone out. */
export interface ObservedCall {
  resource: Pick<Resource, 'id' | 'name' | 'kind' | 'region'>;
  operation: string;
  status: number;
  /** Refused by the gateway before the service ran (429, 403), with why. */
  blocked?: BlockReason;
  latencyMs: number;
}

/** The series of one resource and operation, held so that a call only adds numbers. */
interface CallSeries {
  calls: CounterChild;
  successful: CounterChild;
  latency: HistogramChild;
  values: string[];
}

export class GatewayMetrics {
  readonly registry: Registry;
  private totalCalls;
  private successfulCalls;
  private totalErrors;
  private clientErrors;
  private serverErrors;
  private blockedCalls;
  private latency;
  /** By resource id, then operation: no key string is built per call. */
  private series = new Map<string, Map<string, CallSeries>>();

  constructor(processName: string) {
    this.registry = new Registry({ process: processName });
    const r = this.registry;
    this.totalCalls = r.counter('portico_total_calls_total', 'Calls to a resource that named it by its key (Azure TotalCalls).', CALL_LABELS);
    this.successfulCalls = r.counter('portico_successful_calls_total', 'Calls answered with a 2xx status (Azure SuccessfulCalls).', CALL_LABELS);
    this.totalErrors = r.counter('portico_total_errors_total', 'Calls answered with a 4xx or 5xx status (Azure TotalErrors).', [...CALL_LABELS, 'status_code']);
    this.clientErrors = r.counter('portico_client_errors_total', 'Calls answered with a 4xx status, refusals by the gateway included (Azure ClientErrors).', [...CALL_LABELS, 'status_code']);
    this.serverErrors = r.counter('portico_server_errors_total', 'Calls answered with a 5xx status (Azure ServerErrors).', [...CALL_LABELS, 'status_code']);
    this.blockedCalls = r.counter('portico_blocked_calls_total', 'Calls refused for the rate limit (429), the monthly quota (403) or free-tier expiry (403) (Azure BlockedCalls).', [...CALL_LABELS, 'reason']);
    this.latency = r.histogram('portico_latency_milliseconds', 'Time from the request\'s arrival to its reply\'s last byte, in milliseconds (Azure Latency).', CALL_LABELS, LATENCY_BUCKETS_MS);
  }

  observe(call: ObservedCall): void {
    const series = this.seriesOf(call.resource, call.operation);
    series.calls.inc();
    series.latency.observe(call.latencyMs);
    const { status } = call;
    if (status >= 200 && status < 300) {
      series.successful.inc();
      return;
    }
    if (status < 400) return;
    const code = String(status);
    this.totalErrors.labels(...series.values, code).inc();
    (status < 500 ? this.clientErrors : this.serverErrors).labels(...series.values, code).inc();
    if (call.blocked) this.blockedCalls.labels(...series.values, call.blocked).inc();
  }

  private seriesOf(resource: ObservedCall['resource'], operation: string): CallSeries {
    let byOperation = this.series.get(resource.id);
    if (!byOperation) this.series.set(resource.id, byOperation = new Map());
    let series = byOperation.get(operation);
    if (!series) {
      const values = [resource.id, resource.name, resource.kind, resource.region, operation];
      series = {
        values,
        calls: this.totalCalls.labels(...values),
        successful: this.successfulCalls.labels(...values),
        latency: this.latency.labels(...values),
      };
      byOperation.set(operation, series);
    }
    return series;
  }

  render(): string {
    return this.registry.render();
  }
}
