// A small in-process metrics registry and its Prometheus text exposition
// (format 0.0.4): counters and histograms with labels. Each series is kept as a
// child object so a hot path can hold on to it and only add numbers per call.

/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text: backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as Prometheus writes it (+Inf, -Inf, NaN, else a JavaScript number). */
export function formatValue(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const pairs = names.map((name, i) => `${name}="${escapeLabelValue(values[i])}"`);
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

abstract class Metric<Child> {
  protected children = new Map<string, { values: string[]; child: Child }>();

  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[]) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`invalid label name "${label}" on ${name}`);
    }
  }

  /** The series for these label values (in the order of labelNames), created at zero on first use. */
  labels(...values: string[]): Child {
    if (values.length !== this.labelNames.length) {
      throw new Error(`${this.name} takes ${this.labelNames.length} label values (${this.labelNames.join(', ')}), got ${values.length}`);
    }
    const key = values.join('\u0000');
    let entry = this.children.get(key);
    if (!entry) this.children.set(key, entry = { values: [...values], child: this.create() });
    return entry.child;
  }

  protected abstract create(): Child;
  protected abstract samples(names: readonly string[], values: readonly string[], child: Child): string[];
  abstract readonly type: 'counter' | 'histogram';

  /** The metric's HELP, TYPE and sample lines; `constant` labels (e.g. the process) come first on every sample. */
  render(constant: Readonly<Record<string, string>> = {}): string {
    const constNames = Object.keys(constant);
    const constValues = Object.values(constant);
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, child } of this.children.values()) {
      lines.push(...this.samples([...constNames, ...this.labelNames], [...constValues, ...values], child));
    }
    return lines.join('\n') + '\n';
  }
}

export class CounterChild {
  value = 0;
  inc(by = 1): void {
    if (!(by >= 0)) throw new Error(`a counter only goes up; got ${by}`);
    this.value += by;
  }
}

export class Counter extends Metric<CounterChild> {
  readonly type = 'counter';
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    if (!name.endsWith('_total')) throw new Error(`counter ${name} must end in _total`);
    super(name, help, labelNames);
  }
  protected create(): CounterChild { return new CounterChild(); }
  protected samples(names: readonly string[], values: readonly string[], child: CounterChild): string[] {
    return [`${this.name}${labelText(names, values)} ${formatValue(child.value)}`];
  }
}

export class HistogramChild {
  /** Observations per bucket (not cumulative); the last one is +Inf. */
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(private bounds: readonly number[]) {
    this.counts = new Array(bounds.length + 1).fill(0);
  }
  observe(value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }
}

export class Histogram extends Metric<HistogramChild> {
  readonly type = 'histogram';
  constructor(name: string, help: string, labelNames: readonly string[], readonly bounds: readonly number[]) {
    super(name, help, labelNames);
    if (labelNames.includes('le')) throw new Error(`histogram ${name} may not have a label "le"`);
    if (bounds.length === 0 || bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]))) {
      throw new Error(`histogram ${name} needs finite bucket bounds in increasing order`);
    }
  }
  protected create(): HistogramChild { return new HistogramChild(this.bounds); }
  protected samples(names: readonly string[], values: readonly string[], child: HistogramChild): string[] {
    const lines: string[] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.bounds.length; i++) {
      cumulative += child.counts[i];
      const le = i < this.bounds.length ? formatValue(this.bounds[i]) : '+Inf';
      lines.push(`${this.name}_bucket${labelText(names, values, `le="${le}"`)} ${cumulative}`);
    }
    lines.push(`${this.name}_sum${labelText(names, values)} ${formatValue(child.sum)}`);
    lines.push(`${this.name}_count${labelText(names, values)} ${child.count}`);
    return lines;
  }
}

export class Registry {
  private metrics: Metric<unknown>[] = [];

  /** `constant` labels go on every sample (e.g. which process answers). */
  constructor(private constant: Readonly<Record<string, string>> = {}) {
    for (const label of Object.keys(constant)) if (!LABEL_NAME.test(label)) throw new Error(`invalid label name "${label}"`);
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], bounds: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, bounds));
  }

  private add<M extends Metric<any>>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  /** The text exposition of every metric. */
  render(): string {
    return this.metrics.map((m) => m.render(this.constant)).join('');
  }
}

/** The content type of the text exposition format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
