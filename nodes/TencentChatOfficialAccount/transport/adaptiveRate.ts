import { failureHandling } from './callFailure';
import { classifyReply, classifyThrown } from './classifyReply';

/**
 * The adaptive part of the rate policy: how fast one n8n process calls one SDKAppID when it may not be
 * alone. Tencent's 200 calls/s are per app, across every n8n worker (queue mode) and every other system
 * using the app, and a verified node can reach no other process: the only shared signal is Tencent's
 * throttle reply. Each process runs the loop TCP CUBIC runs on packet loss:
 *
 * - a throttle reply (60007, 60011, 60018, 60019, HTTP 429: handling `throttle` in the catalogue) cuts the
 *   rate multiplicatively, at most once per window; when less got through in the last window than that
 *   cut would leave (a start-up storm: workers that started together filled the app's second at once),
 *   the rate goes to just below what got through instead, this process's share right now;
 * - the rate then grows back along a cubic curve through the rate of the cut (or the share): fast at first,
 *   flat near that rate (where the app was full last time, so the workers overrun it gently and a throttle
 *   episode costs a call or two), then faster and faster beyond it (when other workers finish, the ones
 *   left take the freed capacity within a few seconds);
 * - it never exceeds the configured ceiling and never drops below the floor.
 *
 * Fairness comes from the gentle overruns: the few calls refused in an episode are mostly those of the
 * processes sending most, so they are the ones cut; and a process whose last cut came below its previous
 * peak aims lower (CUBIC's fast convergence), leaving room for a newcomer.
 */

export interface AdaptiveRatePolicy {
	/** Share of the rate kept after a throttle reply. */
	decreaseFactor: number;
	/** After a storm, share kept of what got through in the last window. */
	stormShareKept: number;
	/** The cubic's steepness, as a share of the ceiling per s³ (see the class). */
	growthPerSecondCubed: number;
	/** Throttle replies within this long of the last cut are the same episode (Tencent counts per second). */
	decreaseHoldMs: number;
	/** Lowest rate, as a share of the ceiling (always at least 1 call per window). */
	floorShare: number;
}

export const DEFAULT_ADAPTIVE_RATE_POLICY: AdaptiveRatePolicy = {
	decreaseFactor: 0.8,
	stormShareKept: 0.9,
	growthPerSecondCubed: 0.01,
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

	/** The rate the cubic returns to: the rate at the last cut (lowered when cuts come lower each time); 0 before any. */
	private peak: number;

	/** Seconds after the last cut at which the cubic is back at `peak`. */
	private secondsToPeak = 0;

	private readonly floor: number;

	private readonly growthPerSecondCubed: number;

	constructor(
		readonly ceiling: number,
		private readonly policy: AdaptiveRatePolicy = DEFAULT_ADAPTIVE_RATE_POLICY,
	) {
		this.rate = ceiling;
		this.peak = 0;
		this.floor = Math.min(ceiling, Math.max(1, ceiling * policy.floorShare));
		this.growthPerSecondCubed = ceiling * policy.growthPerSecondCubed;
	}

	/** Calls per window allowed now (may be fractional; the limiter rounds down). */
	get current(): number {
		return this.rate;
	}

	/**
	 * A call admitted at `admittedAt` came back throttled. `acceptedInWindow`: this process's calls Tencent
	 * answered without throttling in the last window. Returns how the rate was cut: `storm` when less got
	 * through than the rate (the app's window was full well before this process's calls reached it).
	 */
	throttled(admittedAt: number, now: number, acceptedInWindow: number): 'none' | 'cut' | 'storm' {
		// Calls that left before the last cut were sent at the old rate; they say nothing about the new one.
		if (admittedAt < this.lastDecreaseAt || now - this.lastDecreaseAt < this.policy.decreaseHoldMs) return 'none';
		this.lastDecreaseAt = now;
		if (acceptedInWindow < this.rate * this.policy.decreaseFactor) {
			// A storm (K workers started together): what got through is this process's share of the full
			// window, and the workers' shares add up to the app's limit. Go on just below that share, and
			// come back to it along the cubic.
			this.peak = Math.max(this.floor, acceptedInWindow);
			this.rate = Math.max(this.floor, this.peak * this.policy.stormShareKept);
			this.secondsToPeak = Math.cbrt((this.peak - this.rate) / this.growthPerSecondCubed);
			return 'storm';
		}
		// Cut below the last peak: the app has less room than before (a newcomer); aim below it too.
		this.peak = this.rate < this.peak ? (this.rate * (1 + this.policy.decreaseFactor)) / 2 : this.rate;
		this.rate = Math.max(this.floor, this.rate * this.policy.decreaseFactor);
		this.secondsToPeak = Math.cbrt(Math.max(0, this.peak - this.rate) / this.growthPerSecondCubed);
		return 'cut';
	}

	/** A call admitted at `admittedAt` got a reply that was not a throttle. */
	accepted(admittedAt: number, now: number): void {
		if (admittedAt < this.lastDecreaseAt || this.lastDecreaseAt === -Infinity) return;
		const pastPeakS = (now - this.lastDecreaseAt) / 1000 - this.secondsToPeak;
		const onCurve = this.peak + this.growthPerSecondCubed * pastPeakS ** 3;
		this.rate = Math.min(this.ceiling, Math.max(this.rate, onCurve));
	}
}
