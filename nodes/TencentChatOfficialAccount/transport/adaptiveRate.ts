import { failureHandling } from './callFailure';
import { classifyReply, classifyThrown } from './classifyReply';

/**
 * The adaptive part of the rate policy: how fast one n8n process calls one SDKAppID when it may not be
 * alone. Tencent's 200 calls/s are per app, across every n8n worker (queue mode) and every other system
 * using the app, and a verified node can reach no other process: the only shared signal is Tencent's
 * throttle reply, so each process runs the classic AIMD loop on it:
 *
 * - a throttle reply (60007, 60011, 60018, 60019, HTTP 429: handling `throttle` in the catalogue) cuts the
 *   rate multiplicatively, at most once per window, and never below what Tencent accepted from this
 *   process in the last window (that is its share right now: a start-up storm is left in one step);
 * - while replies come back unthrottled the rate grows again, slowly right after a throttle (so K
 *   processes probing together do not overrun the limit) and faster the longer it has been quiet (so a
 *   short throttle episode does not cost minutes);
 * - it never exceeds the configured ceiling and never drops below the floor.
 *
 * Multiplicative decrease with equal additive growth is what makes independent processes converge to
 * equal shares: each cut shrinks the gap between them, each increase keeps it.
 */

export interface AdaptiveRatePolicy {
	/** Share of the rate kept after a throttle reply. */
	decreaseFactor: number;
	/** Growth right after a throttle, as a share of the ceiling per second (at the ceiling; see `accepted`). */
	baseIncreasePerSecond: number;
	/** Growth gains this much (share of the ceiling per second) for every quiet second after the first few. */
	increaseAccelerationPerSecond: number;
	/** Quiet time before growth starts to accelerate. */
	accelerateAfterMs: number;
	/** Throttle replies within this long of the last cut are the same episode (Tencent counts per second). */
	decreaseHoldMs: number;
	/** Lowest rate, as a share of the ceiling (always at least 1 call per window). */
	floorShare: number;
}

export const DEFAULT_ADAPTIVE_RATE_POLICY: AdaptiveRatePolicy = {
	decreaseFactor: 0.8,
	baseIncreasePerSecond: 0.02,
	increaseAccelerationPerSecond: 0.04,
	accelerateAfterMs: 2000,
	decreaseHoldMs: 1000,
	floorShare: 0.05,
};

/** How one admitted call ended, as far as the rate is concerned. */
export type CallSettlement = 'reply' | 'throttled' | 'noReply';

/** What one HTTP attempt produced, classified. */
export type CallOutcome = ReturnType<typeof classifyReply>;

/** A Tencent answer (even an error code) proves the call was counted; other failures prove nothing. */
export function settlementOf(outcome: CallOutcome): CallSettlement {
	if (outcome.ok) return 'reply';
	if (failureHandling(outcome.failure) === 'throttle') return 'throttled';
	return outcome.failure.kind === 'api' ? 'reply' : 'noReply';
}

/** The settlement of a call whose HTTP helper resolved with `reply`. */
export const settlementOfReply = (reply: unknown): CallSettlement => settlementOf(classifyReply(reply));

/** The settlement of a call whose HTTP helper threw (HTTP 429 is a throttle; a cancellation proves nothing). */
export function settlementOfThrown(thrown: unknown): CallSettlement {
	const failure = classifyThrown(thrown);
	return failure === 'cancelled' ? 'noReply' : settlementOf({ ok: false, failure });
}

export class AdaptiveRate {
	private rate: number;

	private lastDecreaseAt = -Infinity;

	private lastThrottleAt: number;

	private grownAt: number;

	private readonly floor: number;

	constructor(
		readonly ceiling: number,
		private readonly policy: AdaptiveRatePolicy = DEFAULT_ADAPTIVE_RATE_POLICY,
		now = 0,
	) {
		this.rate = ceiling;
		this.floor = Math.min(ceiling, Math.max(1, ceiling * policy.floorShare));
		this.lastThrottleAt = now;
		this.grownAt = now;
	}

	/** Calls per window allowed now (may be fractional; the limiter rounds down). */
	get current(): number {
		return this.rate;
	}

	/**
	 * A call admitted at `admittedAt` came back throttled. `acceptedInWindow`: this process's calls Tencent
	 * answered without throttling in the last window.
	 */
	throttled(admittedAt: number, now: number, acceptedInWindow: number): void {
		this.lastThrottleAt = now;
		this.grownAt = now;
		// Calls that left before the last cut were sent at the old rate; they say nothing about the new one.
		if (admittedAt < this.lastDecreaseAt || now - this.lastDecreaseAt < this.policy.decreaseHoldMs) return;
		this.rate = Math.max(this.floor, Math.min(this.rate * this.policy.decreaseFactor, acceptedInWindow));
		this.lastDecreaseAt = now;
	}

	/** A call admitted at `admittedAt` got a reply that was not a throttle. */
	accepted(admittedAt: number, now: number): void {
		if (admittedAt < this.lastDecreaseAt || this.rate >= this.ceiling) {
			this.grownAt = now;
			return;
		}
		const quietS = Math.max(0, now - this.lastThrottleAt - this.policy.accelerateAfterMs) / 1000;
		// Scaled by √(rate / ceiling): growth relative to the rate is larger for small shares, so they catch
		// up (fairness), and K processes together probe about √K times as fast as one, not K times.
		const scale = Math.sqrt(this.rate / this.ceiling);
		const perSecond = this.ceiling * scale * (this.policy.baseIncreasePerSecond + this.policy.increaseAccelerationPerSecond * quietS);
		this.rate = Math.min(this.ceiling, this.rate + (perSecond * Math.max(0, now - this.grownAt)) / 1000);
		this.grownAt = now;
	}
}
