import { API_CALLS_PER_SECOND_LIMIT, COMMAND_RATE_CAPS } from '../tencent/contract';
import { AdaptiveRate, DEFAULT_ADAPTIVE_RATE_POLICY, type AdaptiveRatePolicy, type CallSettlement } from './adaptiveRate';
import { cancellableSleep, throwIfCancelled, type SleepFunction } from './cancellation';
import { StartRounds } from './startRounds';

export { settlementOf, settlementOfReply, settlementOfThrown, type CallOutcome, type CallSettlement } from './adaptiveRate';

export const RATE_WINDOW_MS = 1000;

/** Extra length of the window we keep, for the small spread in how long calls take to reach the server. */
export const RATE_WINDOW_SAFETY_MS = 25;

/** How often a full window is re-checked while the calls holding it are still waiting for a reply. */
const IN_FLIGHT_POLL_MS = 10;

/**
 * Calls an adaptive limiter lets wait for a reply beyond those Tencent accepted from it in the last
 * window. Before any reply a process cannot tell whether it is alone; it starts with this many and gains
 * one per accepted reply (TCP's slow start, clocked by replies), so a process that starts into a window
 * other workers have filled loses about this many calls, not a whole round trip at full rate.
 */
export const INITIAL_IN_FLIGHT_ALLOWANCE = 10;

/**
 * The same allowance for a process that has not been throttled for the app lately (see
 * ROUNDS_AFTER_THROTTLE_MS), as a share of the limit: what the full rate sends in 200 ms, two round trips
 * at 100 ms, so it never holds back a process alone, even on a host that reads replies late. A process
 * meeting other workers for the first time loses at most about this many calls.
 */
export const UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT = 1 / 5;

/**
 * How long after a throttle reply an adaptive limiter still starts its runs in rounds (startRounds.ts).
 * A process that has never been throttled for the app, or not for this long, starts at full speed: the
 * rounds cost every run about 0.2 s, and only pay off when other processes share the app. A queue-mode
 * worker then pays one storm (its first run among others), not 0.2 s per run; a process alone, or one
 * throttled once by someone else's burst, is at full speed again after this long. It spans the gaps
 * between runs of a busy queue, so a worker that shares the app keeps starting in rounds.
 */
export const ROUNDS_AFTER_THROTTLE_MS = 30 * 60 * 1000;

/** Calls in the first round of an adaptive limiter's start (see startRounds.ts); they leave at once. */
export const START_FIRST_ROUND_CALLS = 10;

/**
 * The largest start round, as a share of the limit: what the full rate sends in 125 ms, a round trip at
 * 100 ms latency. A round is what a process loses when it meets a full window; on a busy host rounds take
 * longer, and sizing them by that time alone would make them larger exactly where replies come late.
 */
export const START_ROUND_MAX_SHARE_OF_LIMIT = 1 / 8;

/** A start round still waiting for replies after this many of the fastest round trips lets the next one go. */
export const START_ROUND_PATIENCE_ROUND_TRIPS = 2;

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
	/**
	 * The call leaves only now: after this limiter admitted it, it waited for another one. Its arrival is
	 * then estimated from now; from the admission, a wait of varying length would be taken for part of the
	 * round trip, and calls would leave the window before they arrived.
	 */
	sent(): void;
	settle(settlement: CallSettlement): void;
}

interface Admission {
	admittedAt: number;
	/** The start it was admitted in, and its round there (see startRounds.ts). */
	start?: StartRounds;
	startRound?: number;
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

	/** An adaptive limiter's start, while it lasts; it starts again after a window without calls. */
	private start?: StartRounds;

	private inFlight = 0;

	private lastAdmittedAt = -Infinity;

	/** When Tencent last throttled this limiter's calls; the start is in rounds until ROUNDS_AFTER_THROTTLE_MS later. */
	private lastThrottledAt = -Infinity;

	/** Until then, throttled calls do not count in the window (after a storm: see delayUntilAdmissible). */
	private throttledUncountedUntil = -Infinity;

	/** The limit before the last cut, which the window keeps until `previousLimitUntil` (see delayUntilAdmissible). */
	private previousLimit = 0;

	private previousLimitUntil = -Infinity;

	/** After a throttle reply: no call before the app's window can have room (see `holdAfterThrottle`). */
	private holdUntil = -Infinity;

	/** Wakes the waiter at the head of the queue when a reply comes in (it may open the next round). */
	private wakeWaiter?: () => void;

	/** Set by delayUntilAdmissible when the head waiter waits for a reply rather than for time. */
	private waitsForReply = false;

	constructor(options: RateLimiterOptions) {
		this.limit = Math.max(1, Math.floor(options.limit));
		this.safetyMs = options.safetyMs ?? RATE_WINDOW_SAFETY_MS;
		this.spanMs = (options.windowMs ?? RATE_WINDOW_MS) + this.safetyMs;
		this.burst = Math.max(1, Math.min(this.limit, options.burst ?? Math.ceil(this.limit / 10)));
		this.clock = options.clock ?? (() => Date.now());
		this.sleep = options.sleep ?? cancellableSleep;
		this.tokens = this.burst;
		this.refilledAt = this.clock();
		if (options.adaptive) this.adaptiveRate = new AdaptiveRate(this.limit, options.adaptive);
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
			this.waitsForReply = false;
			const waitMs = this.delayUntilAdmissible(now);
			if (waitMs <= 0) return this.admit(now);
			if (this.waitsForReply) await this.sleepUntilReplyOr(Math.ceil(waitMs), signal);
			else await this.sleep(Math.ceil(waitMs), signal);
		}
	}

	/**
	 * Sleeps `ms`, or less if a reply comes in first (it may open the next start round or free an in-flight
	 * place). The sleep listens on a signal of its own, linked to the execution's for this wait only: when
	 * the reply wins, that signal ends the sleep (its timer and its listener go with it). Sleeping on the
	 * execution's signal itself left one listener per won race until the sleep's time was up, and a long run
	 * piled up enough of them for Node's "possible EventTarget memory leak" warning.
	 */
	private async sleepUntilReplyOr(ms: number, signal?: AbortSignal): Promise<void> {
		throwIfCancelled(signal);
		const thisWait = new AbortController();
		const endWait = () => thisWait.abort();
		signal?.addEventListener('abort', endWait, { once: true });
		try {
			// Ended early, the sleep rejects; that only means the wait is over (the caller checks `signal`).
			const slept = this.sleep(ms, thisWait.signal).catch(() => undefined);
			// Raced, not only aborted: a host whose `sleep` ignores the signal must still wake on a reply.
			const woken = new Promise<void>((resolve) => (this.wakeWaiter = resolve));
			await Promise.race([slept, woken]);
		} finally {
			this.wakeWaiter = undefined;
			signal?.removeEventListener('abort', endWait);
			thisWait.abort();
		}
	}

	private delayUntilAdmissible(now: number): number {
		// First, so that a round opened now sizes the burst below.
		const startRoundFull = this.adaptiveRate !== undefined && this.startRoundIsFull(now);
		const limit = this.currentLimit;
		const ratePerMs = limit / this.spanMs;
		// A start round leaves at once: the rounds, not the bucket, pace the start (see startRounds.ts).
		const burst = Math.max(this.burstAt(limit), this.start?.maxSize ?? 0);
		this.tokens = Math.min(burst, this.tokens + (now - this.refilledAt) * ratePerMs);
		this.refilledAt = now;
		const pacingDelay = this.tokens >= 1 ? 0 : (1 - this.tokens) / ratePerMs;

		// Calls settled before this window began can no longer share a window with a new call (cheap check
		// first: most runs stay below the limit and never need the estimates).
		const windowStart = now - this.spanMs;
		if (this.admissions.length >= this.limit) {
			this.admissions = this.admissions.filter((admission) => admission.settledAt > windowStart);
		}
		if (this.adaptiveRate) {
			if (now < this.holdUntil) return Math.max(pacingDelay, this.holdUntil - now);
			if (startRoundFull || this.overInFlightAllowance(now)) {
				this.waitsForReply = true;
				return Math.max(pacingDelay, IN_FLIGHT_POLL_MS);
			}
		}
		// Each window holds at most the rate in force. After a cut, the rate from before the cut still
		// holds for a window: the window is full of calls sent at that rate, and holding it at the new one
		// would make all the throttled workers pause together and leave the app's window half empty; pacing
		// brings the rate down. After a storm the app's window empties as its calls leave it, in the bursts
		// they came in; a process that sends only as its own calls leave follows that.
		const afterStorm = now < this.throttledUncountedUntil;
		const windowLimit = now < this.previousLimitUntil ? Math.max(limit, this.previousLimit) : limit;
		if (this.admissions.length < windowLimit) return pacingDelay;
		const inWindow = this.admissions
			// After a storm, only calls that took a place in the app's window count (throttled ones took none).
			.filter((admission) => !afterStorm || admission.settlement !== 'throttled')
			.map((admission) => this.latestArrival(admission, this.fastestRoundTrip))
			.filter((arrival) => arrival > windowStart);
		if (inWindow.length < windowLimit) return pacingDelay;
		// The window is full: wait until enough of its calls have surely left it.
		const leaving = inWindow.sort((a, b) => a - b)[inWindow.length - windowLimit];
		const windowDelay = leaving === Infinity ? IN_FLIGHT_POLL_MS : leaving + this.spanMs - now;
		return Math.max(pacingDelay, windowDelay);
	}

	/**
	 * During the start (see startRounds.ts): whether the current round is sent and waits for its replies.
	 * A start in rounds begins after a window without calls (a long-running worker cannot tell who else
	 * started meanwhile), but only while the process was throttled lately: until then it is alone as far
	 * as it knows, and starts at full speed.
	 */
	private startRoundIsFull(now: number): boolean {
		if (this.start?.endedBy(now)) this.start = undefined;
		if (!this.start && this.inFlight === 0 && now - this.lastAdmittedAt >= this.spanMs && this.throttledLately(now)) {
			const maxRound = Math.ceil(this.limit * START_ROUND_MAX_SHARE_OF_LIMIT);
			this.start = new StartRounds(START_FIRST_ROUND_CALLS, maxRound, this.limit / this.spanMs, this.spanMs);
		}
		const patienceMs = this.hasRoundTrip ? START_ROUND_PATIENCE_ROUND_TRIPS * this.fastestRoundTrip : Infinity;
		return this.start !== undefined && !this.start.mayAdmit(now, patienceMs);
	}

	private throttledLately(now: number): boolean {
		return now - this.lastThrottledAt < ROUNDS_AFTER_THROTTLE_MS;
	}

	/**
	 * Back-to-back calls allowed at `limit`: the configured burst at the ceiling, the same share of a lower
	 * adaptive limit. A burst of the ceiling's size at a small share would send most of a window at once,
	 * and the workers sharing the app would send in waves.
	 */
	private burstAt(limit: number): number {
		return Math.max(1, Math.min(limit, Math.ceil((this.burst * limit) / this.limit)));
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
	 * Calls without a reply may not exceed those Tencent accepted in the last window, plus the initial
	 * allowance (larger while the process has not been throttled lately). Throttle replies take a round trip
	 * to come back, longer on a busy event loop; without this a process that has not heard back yet keeps
	 * sending into a full window. At 200 calls/s only some 20 are in flight, so a process alone waits on it
	 * at most in its first round trips.
	 */
	private overInFlightAllowance(now: number): boolean {
		const initial = this.throttledLately(now) ? INITIAL_IN_FLIGHT_ALLOWANCE : Math.ceil(this.limit * UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT);
		// Cheap check first: the accepted calls need a pass over the window.
		return this.inFlight >= initial && this.inFlight >= initial + this.acceptedInWindow(now);
	}

	/**
	 * A call came back throttled: the start (if any) is over, the adaptive rate is cut, and the window
	 * rules for the next window are set (see delayUntilAdmissible).
	 */
	private throttled(admission: Admission): void {
		if (!this.adaptiveRate) return;
		const now = admission.settledAt;
		this.start = undefined;
		this.lastThrottledAt = now;
		this.holdAfterThrottle(now);
		const before = this.currentLimit;
		const cut = this.adaptiveRate.throttled(admission.admittedAt, now, this.acceptedInWindow(now));
		if (cut === 'storm') this.throttledUncountedUntil = now + this.spanMs;
		if (cut === 'cut') {
			this.previousLimit = before;
			this.previousLimitUntil = now + this.spanMs;
		}
	}

	/**
	 * A throttle reply says the app's window is full. It has room again once its oldest calls leave it;
	 * this process's own calls in the window are a sample of those, so it waits until its oldest one has
	 * left. In steady traffic that is a few ms; after K workers started together and filled the window in
	 * its first moments, it is the rest of that second, in which every call would be refused.
	 */
	private holdAfterThrottle(now: number): void {
		const windowStart = now - this.spanMs;
		let oldest = Infinity;
		for (const admission of this.admissions) {
			if (admission.settledAt === Infinity || admission.settlement === 'noReply') continue;
			const arrival = this.latestArrival(admission, this.fastestRoundTrip);
			if (arrival > windowStart) oldest = Math.min(oldest, arrival);
		}
		if (oldest !== Infinity) this.holdUntil = Math.max(this.holdUntil, oldest + this.spanMs);
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
		const admission: Admission = { admittedAt: now, settledAt: Infinity, start: this.start, startRound: this.start?.admit(now) };
		this.admissions.push(admission);
		this.inFlight++;
		this.lastAdmittedAt = now;
		return {
			sent: () => {
				if (admission.settledAt === Infinity) admission.admittedAt = Math.max(admission.admittedAt, this.clock());
			},
			settle: (settlement: CallSettlement) => {
				if (admission.settledAt !== Infinity) return;
				admission.settledAt = this.clock();
				admission.settlement = settlement;
				this.inFlight--;
				if (settlement === 'throttled') this.throttled(admission);
				else if (admission.start && admission.start === this.start) admission.start.settled(admission.startRound ?? -1, admission.settledAt);
				this.wakeWaiter?.();
				if (settlement === 'noReply') return;
				if (settlement === 'reply') this.adaptiveRate?.accepted(now, admission.settledAt);
				const roundTrip = admission.settledAt - admission.admittedAt;
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

/**
 * One limiter per SDKAppID and command, for the commands whose own documented frequency is below the
 * app's (COMMAND_RATE_CAPS); undefined for the others. A call to such a command passes it and then the
 * app's limiter, so it counts against both.
 */
const sharedCommandLimiters = new Map<string, RateLimiter>();

export function sharedCommandRateLimiter(sdkAppId: number, command: string): RateLimiter | undefined {
	const cap = Object.hasOwn(COMMAND_RATE_CAPS, command) ? COMMAND_RATE_CAPS[command] : undefined;
	if (cap === undefined) return undefined;
	const key = `${sdkAppId} ${command}`;
	let limiter = sharedCommandLimiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter({ limit: cap });
		sharedCommandLimiters.set(key, limiter);
	}
	return limiter;
}
