import { API_CALLS_PER_SECOND_LIMIT } from '../tencent/contract';
import { AdaptiveRate, DEFAULT_ADAPTIVE_RATE_POLICY, type AdaptiveRatePolicy, type CallSettlement } from './adaptiveRate';
import { cancellableSleep, throwIfCancelled, type SleepFunction } from './cancellation';

export { settlementOf, settlementOfReply, settlementOfThrown, type CallOutcome, type CallSettlement } from './adaptiveRate';

export const RATE_WINDOW_MS = 1000;

/** Extra length of the window we keep, for the small spread in how long calls take to reach the server. */
export const RATE_WINDOW_SAFETY_MS = 25;

/** How often a full window is re-checked while the calls holding it are still waiting for a reply. */
const IN_FLIGHT_POLL_MS = 10;

/** Calls an adaptive limiter lets wait for a reply, per call Tencent accepted from it in the last window. */
const IN_FLIGHT_PER_ACCEPTED = 1;

/**
 * How much longer than the fastest call a call may have taken to reach the server, as a share of the
 * fastest round trip. Counting arrivals as "reply time minus the fastest round trip" assumes the fastest
 * call spent no time on its way out. On a CPU-starved host every call waits tens of ms in the event loop
 * after admission before it is written (a run measured 38 ms for even the fastest call), so that count put
 * calls into the past and let 202 calls into one server second. At least half of the fastest round trip
 * is the way back (the server's time and the return trip), so arrivals are counted up to half of it later;
 * the window's safety margin already covers the first `safetyMs` of that.
 */
export const FORWARD_DELAY_SHARE_OF_FASTEST_ROUND_TRIP = 0.5;

export interface RateLimiterOptions {
	/** Calls allowed in any window of `windowMs` (plus the safety margin). */
	limit: number;
	windowMs?: number;
	safetyMs?: number;
	/** Calls that may start back to back before pacing kicks in; small runs then wait for nothing. */
	burst?: number;
	/** Adapt the limit to Tencent's throttle replies (see adaptiveRate.ts); `limit` is then the ceiling. */
	adaptive?: AdaptiveRatePolicy;
	clock?: () => number;
	sleep?: SleepFunction;
}

/** Handed out with each admission; settle it once the call has its reply (or has failed). */
export interface RateTicket {
	settle(settlement: CallSettlement): void;
}

interface Admission {
	admittedAt: number;
	/** When its reply (or its failure) came back; Infinity while in flight. */
	settledAt: number;
	settlement?: CallSettlement;
}

/**
 * Keeps calls under `limit` per window as the server counts them: by arrival time.
 *
 * A call reaches the server some time after it is admitted here, and not always equally late (a busy
 * event loop, a cold connection). So each admission is remembered with the latest moment it can have
 * arrived: unknown while in flight, then its reply time minus the fastest round trip seen (the part of
 * a round trip no call can skip). A new call is admitted only while fewer than `limit` calls can fall
 * into a window of `windowMs + safetyMs` with it. A token bucket paces calls evenly on top, so they do
 * not leave in bursts that bunch up at the server. Waiters are served first come, first served.
 * With `adaptive`, the limit in force moves below `limit` while Tencent throttles (other processes share the app).
 */
export class RateLimiter {
	/** The ceiling: calls per window never exceed it. */
	readonly limit: number;

	private readonly spanMs: number;

	private readonly safetyMs: number;

	private readonly burst: number;

	private readonly clock: () => number;

	private readonly sleep: SleepFunction;

	private admissions: Admission[] = [];

	/**
	 * The fastest round trip ever seen: the part of a round trip no call skips. Never raised again, even
	 * when a busy event loop makes every recent reply look slow (that lag must not hide arrivals).
	 */
	private fastestRoundTrip = 0;

	private hasRoundTrip = false;

	private tokens: number;

	private refilledAt: number;

	private queue: Promise<unknown> = Promise.resolve();

	private readonly adaptiveRate?: AdaptiveRate;

	constructor(options: RateLimiterOptions) {
		this.limit = Math.max(1, Math.floor(options.limit));
		this.safetyMs = options.safetyMs ?? RATE_WINDOW_SAFETY_MS;
		this.spanMs = (options.windowMs ?? RATE_WINDOW_MS) + this.safetyMs;
		this.burst = Math.max(1, Math.min(this.limit, options.burst ?? Math.ceil(this.limit / 10)));
		this.clock = options.clock ?? (() => Date.now());
		this.sleep = options.sleep ?? cancellableSleep;
		this.tokens = this.burst;
		this.refilledAt = this.clock();
		if (options.adaptive) this.adaptiveRate = new AdaptiveRate(this.limit, options.adaptive, this.refilledAt);
	}

	/** Calls per window allowed right now: `limit`, or less while Tencent throttles an adaptive limiter. */
	get currentLimit(): number {
		return this.adaptiveRate ? Math.max(1, Math.floor(this.adaptiveRate.current)) : this.limit;
	}

	/** Resolves when the caller may send one call; rejects if `signal` aborts first. */
	async acquire(signal?: AbortSignal): Promise<RateTicket> {
		const turn = this.queue.then(async () => await this.waitForTurn(signal));
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	private async waitForTurn(signal?: AbortSignal): Promise<RateTicket> {
		for (;;) {
			throwIfCancelled(signal);
			const now = this.clock();
			const waitMs = this.delayUntilAdmissible(now);
			if (waitMs <= 0) return this.admit(now);
			await this.sleep(Math.ceil(waitMs), signal);
		}
	}

	private delayUntilAdmissible(now: number): number {
		const limit = this.currentLimit;
		const ratePerMs = limit / this.spanMs;
		this.tokens = Math.min(Math.min(this.burst, limit), this.tokens + (now - this.refilledAt) * ratePerMs);
		this.refilledAt = now;
		const pacingDelay = this.tokens >= 1 ? 0 : (1 - this.tokens) / ratePerMs;

		// Calls settled before this window began can no longer share a window with a new call (cheap check
		// first: most runs stay below the limit and never need the estimates).
		const windowStart = now - this.spanMs;
		if (this.admissions.length >= limit) {
			this.admissions = this.admissions.filter((admission) => admission.settledAt > windowStart);
		}
		if (this.adaptiveRate && this.overInFlightAllowance(windowStart)) return Math.max(pacingDelay, IN_FLIGHT_POLL_MS);
		if (this.admissions.length < limit) return pacingDelay;
		const inWindow = this.admissions
			.map((admission) => this.latestArrival(admission, this.fastestRoundTrip))
			.filter((arrival) => arrival > windowStart);
		if (inWindow.length < limit) return pacingDelay;
		// The window is full: wait until enough of its calls have surely left it.
		const leaving = inWindow.sort((a, b) => a - b)[inWindow.length - limit];
		const windowDelay = leaving === Infinity ? IN_FLIGHT_POLL_MS : leaving + this.spanMs - now;
		return Math.max(pacingDelay, windowDelay);
	}

	/**
	 * The latest moment a call can have reached the server. Worked out afresh on each check, because the
	 * fastest round trip seen keeps improving after a cold start.
	 */
	private latestArrival(admission: Admission, fastestRoundTrip: number): number {
		if (admission.settledAt === Infinity) return Infinity;
		// Without a reply the request may have reached the server any time until it failed.
		if (admission.settlement === 'noReply') return admission.settledAt;
		const forwardDelay = Math.max(0, fastestRoundTrip * FORWARD_DELAY_SHARE_OF_FASTEST_ROUND_TRIP - this.safetyMs);
		return Math.max(admission.admittedAt, admission.settledAt - fastestRoundTrip + forwardDelay);
	}

	/**
	 * Calls without a reply may not exceed those Tencent accepted in the last window (at least twice the
	 * burst). Throttle replies take a round trip to come back, longer on a busy event loop; without this
	 * a process that has not heard back yet keeps sending into a full window. At 200 calls/s only some 20 are
	 * in flight, so a process alone never waits on it (it is TCP's slow start, clocked by replies).
	 */
	private overInFlightAllowance(windowStart: number): boolean {
		let inFlight = 0;
		let accepted = 0;
		for (const admission of this.admissions) {
			if (admission.settledAt === Infinity) inFlight++;
			else if (admission.settlement === 'reply' && admission.settledAt > windowStart) accepted++;
		}
		return inFlight >= Math.max(2 * this.burst, IN_FLIGHT_PER_ACCEPTED * accepted);
	}

	/** This process's calls the server answered without throttling, among those settled in the last window. */
	private acceptedInWindow(now: number): number {
		const windowStart = now - this.spanMs;
		let accepted = 0;
		for (const admission of this.admissions) {
			if (admission.settlement === 'reply' && admission.settledAt > windowStart) accepted++;
		}
		return accepted;
	}

	private admit(now: number): RateTicket {
		this.tokens -= 1;
		const admission: Admission = { admittedAt: now, settledAt: Infinity };
		this.admissions.push(admission);
		return {
			settle: (settlement: CallSettlement) => {
				if (admission.settledAt !== Infinity) return;
				admission.settledAt = this.clock();
				admission.settlement = settlement;
				if (settlement === 'noReply') return;
				if (settlement === 'throttled') this.adaptiveRate?.throttled(now, admission.settledAt, this.acceptedInWindow(admission.settledAt));
				else this.adaptiveRate?.accepted(now, admission.settledAt);
				const roundTrip = admission.settledAt - now;
				this.fastestRoundTrip = this.hasRoundTrip ? Math.min(this.fastestRoundTrip, roundTrip) : roundTrip;
				this.hasRoundTrip = true;
			},
		};
	}
}

/**
 * One limiter per SDKAppID for the whole n8n process: Tencent's limit is per app, so every execution
 * (and every node) that calls the same app shares it. It adapts, since other processes may share the app.
 */
const sharedLimiters = new Map<number, RateLimiter>();

export function sharedRateLimiter(sdkAppId: number): RateLimiter {
	let limiter = sharedLimiters.get(sdkAppId);
	if (!limiter) {
		limiter = new RateLimiter({ limit: API_CALLS_PER_SECOND_LIMIT, adaptive: DEFAULT_ADAPTIVE_RATE_POLICY });
		sharedLimiters.set(sdkAppId, limiter);
	}
	return limiter;
}
