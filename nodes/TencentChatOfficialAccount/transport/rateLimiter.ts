import { API_CALLS_PER_SECOND_LIMIT } from '../tencent/contract';
import { cancellableSleep, throwIfCancelled, type SleepFunction } from './cancellation';

/**
 * Tencent counts calls per SDKAppID by their arrival time. Calls reach the server some time after they
 * are admitted here, and not all equally late (a busy event loop, a cold connection, network jitter),
 * so the window we keep is longer than the server's by a margin: at least this much ...
 */
export const RATE_WINDOW_SAFETY_MS = 25;

/**
 * ... and up to this much when recent round trips vary more: the spread of recent round-trip times
 * bounds how much one call can arrive later than another admitted after it.
 */
export const RATE_WINDOW_MAX_SAFETY_MS = 250;

/** Round trips remembered for that estimate. */
const ROUND_TRIP_SAMPLES = 64;

export const RATE_WINDOW_MS = 1000;

export interface RateLimiterOptions {
	/** Calls allowed in any window of `windowMs` (plus the safety margin). */
	limit: number;
	windowMs?: number;
	safetyMs?: number;
	/** Upper bound of the margin that grows with the spread of round-trip times. */
	maxSafetyMs?: number;
	/** Calls that may start back to back before pacing kicks in; small runs then wait for nothing. */
	burst?: number;
	clock?: () => number;
	sleep?: SleepFunction;
}

/**
 * Admits calls so that no window of `windowMs + safetyMs` holds more than `limit` of them.
 * Two mechanisms: a token bucket paces calls evenly (bursts would leave the process late and bunch up
 * at the server), and a log of the last `limit` admissions is the hard guarantee. Waiters are served
 * first come, first served.
 */
export class RateLimiter {
	readonly limit: number;

	private readonly windowMs: number;

	private readonly minSafetyMs: number;

	private readonly maxSafetyMs: number;

	private readonly roundTrips: number[] = [];

	private readonly burst: number;

	private readonly clock: () => number;

	private readonly sleep: SleepFunction;

	/** Ring buffer of the last `limit` admission times; `oldest` indexes the earliest once full. */
	private readonly admissions: number[] = [];

	private oldest = 0;

	private tokens: number;

	private refilledAt: number;

	private queue: Promise<void> = Promise.resolve();

	constructor(options: RateLimiterOptions) {
		this.limit = Math.max(1, Math.floor(options.limit));
		this.windowMs = options.windowMs ?? RATE_WINDOW_MS;
		this.minSafetyMs = options.safetyMs ?? RATE_WINDOW_SAFETY_MS;
		this.maxSafetyMs = Math.max(this.minSafetyMs, options.maxSafetyMs ?? RATE_WINDOW_MAX_SAFETY_MS);
		this.burst = Math.max(1, Math.min(this.limit, options.burst ?? Math.ceil(this.limit / 10)));
		this.clock = options.clock ?? (() => Date.now());
		this.sleep = options.sleep ?? cancellableSleep;
		this.tokens = this.burst;
		this.refilledAt = this.clock();
	}

	/** Resolves when the caller may send one call; rejects if `signal` aborts first. */
	async acquire(signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForTurn(signal));
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	/** Feeds the margin estimate: how long an admitted call took until its reply arrived. */
	recordRoundTrip(ms: number): void {
		this.roundTrips.push(ms);
		if (this.roundTrips.length > ROUND_TRIP_SAMPLES) this.roundTrips.shift();
	}

	/** The window this limiter keeps: the server's, plus a margin for uneven arrival delays. */
	get spanMs(): number {
		let margin = this.minSafetyMs;
		if (this.roundTrips.length > 1) {
			margin = Math.max(margin, Math.max(...this.roundTrips) - Math.min(...this.roundTrips));
		}
		return this.windowMs + Math.min(margin, this.maxSafetyMs);
	}

	private async waitForTurn(signal?: AbortSignal): Promise<void> {
		for (;;) {
			throwIfCancelled(signal);
			const now = this.clock();
			const waitMs = this.delayUntilAdmissible(now);
			if (waitMs <= 0) {
				this.admit(now);
				return;
			}
			await this.sleep(Math.ceil(waitMs), signal);
		}
	}

	private delayUntilAdmissible(now: number): number {
		const spanMs = this.spanMs;
		const ratePerMs = this.limit / spanMs;
		this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * ratePerMs);
		this.refilledAt = now;
		const pacingDelay = this.tokens >= 1 ? 0 : (1 - this.tokens) / ratePerMs;
		const windowDelay =
			this.admissions.length < this.limit ? 0 : this.admissions[this.oldest] + spanMs - now;
		return Math.max(pacingDelay, windowDelay);
	}

	private admit(now: number): void {
		this.tokens -= 1;
		if (this.admissions.length < this.limit) {
			this.admissions.push(now);
			return;
		}
		this.admissions[this.oldest] = now;
		this.oldest = (this.oldest + 1) % this.limit;
	}
}

/**
 * One limiter per SDKAppID for the whole n8n process: Tencent's limit is per app, so every execution
 * (and every node) that calls the same app shares it.
 */
const sharedLimiters = new Map<number, RateLimiter>();

export function sharedRateLimiter(sdkAppId: number): RateLimiter {
	let limiter = sharedLimiters.get(sdkAppId);
	if (!limiter) {
		limiter = new RateLimiter({ limit: API_CALLS_PER_SECOND_LIMIT });
		sharedLimiters.set(sdkAppId, limiter);
	}
	return limiter;
}
