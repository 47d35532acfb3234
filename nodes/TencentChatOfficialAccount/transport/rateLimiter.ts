import { API_CALLS_PER_SECOND_LIMIT } from '../tencent/contract';
import { cancellableSleep, throwIfCancelled, type SleepFunction } from './cancellation';

/**
 * Tencent counts calls per SDKAppID by their arrival time. Calls leave this process a few
 * milliseconds after they are admitted, and not all equally late, so the window we keep is this much
 * longer than the server's: the server never sees more than the limit in any of its 1-second windows.
 */
export const RATE_WINDOW_SAFETY_MS = 25;

export const RATE_WINDOW_MS = 1000;

export interface RateLimiterOptions {
	/** Calls allowed in any window of `windowMs` (plus the safety margin). */
	limit: number;
	windowMs?: number;
	safetyMs?: number;
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

	private readonly spanMs: number;

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
		this.spanMs = (options.windowMs ?? RATE_WINDOW_MS) + (options.safetyMs ?? RATE_WINDOW_SAFETY_MS);
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
		const ratePerMs = this.limit / this.spanMs;
		this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * ratePerMs);
		this.refilledAt = now;
		const pacingDelay = this.tokens >= 1 ? 0 : (1 - this.tokens) / ratePerMs;
		const windowDelay =
			this.admissions.length < this.limit ? 0 : this.admissions[this.oldest] + this.spanMs - now;
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
