import { SEND_FREQUENCY_MAX_RETRIES, SEND_MESSAGE, type TencentCommand } from '../tencent/contract';
import { failureHandling, mayHaveBeenApplied, type CallFailure } from './callFailure';

/**
 * The whole retry policy of the transport: which failures are retried, how often and after how long.
 * Deleting subscribers is idempotent (a repeated delete answers Result 2), so retrying a call whose
 * reply was lost is safe. Sending a message is not: Send makes it safe by reusing the message's Random
 * (Tencent drops a repeat within 5 minutes as a duplicate) and by bounding retries to that window.
 */
export interface RetryPolicy {
	/** Retries after the first attempt, shared by all retryable failures of one call. */
	maxRetries: number;
	/** Exponential backoff with full jitter: random(0, min(cap, base × 2^retry)). */
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * A call throttled again waits at least half of this, doubling up to the cap (the app stays full: other
	 * systems use it). The first retry of a throttled call waits for nothing but the rate limiter.
	 */
	throttleBaseDelayMs: number;
	throttleMaxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 250,
	maxDelayMs: 8000,
	throttleBaseDelayMs: 1000,
	throttleMaxDelayMs: 30000,
};

/** What has happened so far to one call. */
export interface RetryState {
	retries: number;
	resigned: boolean;
	retriedOnceCodes: Set<number>;
	/** Retries after Send's per-account limit (10023). */
	sendFrequencyRetries: number;
}

export function newRetryState(): RetryState {
	return { retries: 0, resigned: false, retriedOnceCodes: new Set(), sendFrequencyRetries: 0 };
}

export type RetryDecision =
	| { retry: false }
	| { retry: true; delayMs: number; resign: boolean };

/** What a retry decision needs to know about the call itself. */
export interface RetryContext {
	/** Some codes mean something else for one command (Send's own limits). */
	command?: TencentCommand;
	/** False when a repeat may do the change twice (create without a custom ID): maybe-applied failures are final. */
	idempotent?: boolean;
	/** How long a retry may still start (Send: inside Tencent's duplicate window); a later one is not made. */
	windowLeftMs?: number;
}

export function decideRetry(
	failure: CallFailure,
	state: RetryState,
	policy: RetryPolicy,
	random: () => number = Math.random,
	call: RetryContext = {},
): RetryDecision {
	const decision = decideByFailure(failure, state, policy, random, call);
	if (decision.retry && call.windowLeftMs !== undefined && decision.delayMs > call.windowLeftMs) return { retry: false };
	return decision;
}

function decideByFailure(failure: CallFailure, state: RetryState, policy: RetryPolicy, random: () => number, call: RetryContext): RetryDecision {
	const handling = failureHandling(failure, call.command);
	if (handling === 'resign') {
		// A fresh UserSig fixes an expired one at once; a second 70001 means the clock or validity is wrong.
		if (state.resigned) return { retry: false };
		state.resigned = true;
		return { retry: true, delayMs: 0, resign: true };
	}
	if (handling === 'final' || handling === 'waitMinute') return { retry: false };
	if (call.idempotent === false && mayHaveBeenApplied(failure)) return { retry: false };
	if (state.retries >= policy.maxRetries) return { retry: false };
	if (handling === 'retryOnce') {
		const code = failure.kind === 'api' ? failure.code : -1;
		if (state.retriedOnceCodes.has(code)) return { retry: false };
		state.retriedOnceCodes.add(code);
	}
	if (handling === 'sendFrequency') {
		// 1 message/s per account: a second after the refusal the same body may go. The 2/hour limit answers the
		// same code and a second cannot help it, so only a few such retries are made.
		if (state.sendFrequencyRetries >= SEND_FREQUENCY_MAX_RETRIES) return { retry: false };
		state.sendFrequencyRetries++;
		state.retries++;
		return { retry: true, delayMs: SEND_MESSAGE.perAccountIntervalMs, resign: false };
	}
	const attempt = state.retries;
	state.retries++;
	if (handling === 'throttle') {
		// The throttle reply has just lowered the adaptive rate, and the limiter holds the call until the
		// app's window has room: a fixed wait on top only leaves the end of a run idle.
		if (attempt === 0) return { retry: true, delayMs: 0, resign: false };
		const ceiling = Math.min(policy.throttleMaxDelayMs, policy.throttleBaseDelayMs * 2 ** (attempt - 1));
		// Half fixed, half jitter: never sooner than half the window, spread so callers do not return together.
		return { retry: true, delayMs: Math.round(ceiling * (0.5 + random() / 2)), resign: false };
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return { retry: true, delayMs: Math.round(ceiling * random()), resign: false };
}
