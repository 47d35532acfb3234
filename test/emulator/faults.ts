// Fault injection: scripted per-command queues first, then seeded random rates.
import { mulberry32, streamFor } from './prng';
import type { FaultRates, ScriptedFault } from './types';

/** What to do with one authenticated call. */
export interface FaultDecision {
  action: 'none' | 'http502' | 'socketReset' | 'error';
  /** Set when action is 'error'. */
  errorCode?: number;
  errorInfo?: string;
  /** Added to the global latency for this call only. */
  extraLatencyMs: number;
  /** Whether this subscriber id gets Result 0 (the operation failed for it) in this call. */
  resultZero: (subscriberId: string) => boolean;
  /** Whether this subscriber id is left out of the reply's result list in this call. */
  omitResult?: (subscriberId: string) => boolean;
  /** Run the command, then reset the connection instead of replying. */
  loseReply?: boolean;
}

const NO_RESULT_ZERO = (): boolean => false;

/** Fixed evaluation order, so a given seed and arrival order always inject the same faults. */
const CALL_LEVEL_RATES: Array<{ rate: keyof FaultRates; decide: () => Pick<FaultDecision, 'action' | 'errorCode'> }> = [
  { rate: 'http502', decide: () => ({ action: 'http502' }) },
  { rate: 'socketReset', decide: () => ({ action: 'socketReset' }) },
  { rate: 'error20005', decide: () => ({ action: 'error', errorCode: 20005 }) },
  { rate: 'throttle', decide: () => ({ action: 'error', errorCode: 60007 }) },
  { rate: 'expired70001', decide: () => ({ action: 'error', errorCode: 70001 }) },
];

function checkProbability(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new Error(`Fault rate ${name} must be within 0..1, got ${value}`);
}

export class FaultInjector {
  private rates: FaultRates = {};
  private readonly scripts = new Map<string, ScriptedFault[]>();
  private readonly random: () => number;

  constructor(private readonly seed: number) {
    this.random = mulberry32(seed);
  }

  setRates(rates: FaultRates): void {
    for (const [name, value] of Object.entries(rates)) checkProbability(name, value as number | undefined);
    this.rates = { ...rates };
  }

  /** Appends to the command's queue ('official_account_open_http_svc/delete_subscriber'). */
  script(command: string, faults: ScriptedFault[]): void {
    const normalized = command.replace(/^\/?(v4\/)?/, '');
    const queue = this.scripts.get(normalized) ?? [];
    queue.push(...faults);
    this.scripts.set(normalized, queue);
  }

  clear(): void {
    this.rates = {};
    this.scripts.clear();
  }

  /** Called once per authenticated call, in arrival order. */
  decide(command: string, callSeq: number): FaultDecision {
    const scripted = this.scripts.get(command)?.shift();
    if (scripted !== undefined) return fromScript(scripted);

    for (const { rate, decide } of CALL_LEVEL_RATES) {
      const probability = this.rates[rate] ?? 0;
      if (probability > 0 && this.random() < probability) return { ...decide(), extraLatencyMs: 0, resultZero: NO_RESULT_ZERO };
    }
    const resultZeroRate = this.rates.resultZero ?? 0;
    if (resultZeroRate <= 0) return { action: 'none', extraLatencyMs: 0, resultZero: NO_RESULT_ZERO };
    const subscriberDice = streamFor(this.seed, callSeq);
    return { action: 'none', extraLatencyMs: 0, resultZero: () => subscriberDice() < resultZeroRate };
  }
}

function fromScript(fault: ScriptedFault): FaultDecision {
  const base: FaultDecision = { action: 'none', extraLatencyMs: 0, resultZero: NO_RESULT_ZERO };
  if (fault === 'ok') return base;
  if (fault === 'http502' || fault === 'socketReset') return { ...base, action: fault };
  if (fault === 'expired70001') return { ...base, action: 'error', errorCode: 70001 };
  if (fault === 'lostReply') return { ...base, loseReply: true };
  if ('errorCode' in fault) return { ...base, action: 'error', errorCode: fault.errorCode, errorInfo: fault.errorInfo };
  if ('resultZero' in fault) {
    const ids = new Set(fault.resultZero);
    return { ...base, resultZero: (id) => ids.has(id) };
  }
  if ('omitResults' in fault) {
    const ids = new Set(fault.omitResults);
    return { ...base, omitResult: (id) => ids.has(id) };
  }
  if ('latencyMs' in fault) return { ...base, extraLatencyMs: fault.latencyMs };
  throw new Error(`Unknown scripted fault ${JSON.stringify(fault)}`);
}
