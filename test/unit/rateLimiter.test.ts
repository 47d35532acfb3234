// RateLimiter with an injected clock and sleep: the window guarantee, burst, long-run rate, FIFO, abort.
import { ExecutionCancelledError } from '../../nodes/TencentChatOfficialAccount/transport/cancellation';
import {
	RATE_WINDOW_MS,
	RATE_WINDOW_SAFETY_MS,
	RateLimiter,
	sharedRateLimiter,
	type RateLimiterOptions,
} from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';

/**
 * A clock that only moves when the limiter sleeps. The clock advances after a macrotask, so callers
 * that were just admitted record the time (in their microtasks) before the next sleeper moves it.
 */
class FakeTime {
	now = 1_000_000;

	sleeps: number[] = [];

	/** Called at the start of a sleep, before it waits (e.g. to abort the sleeper). */
	onSleep?: (ms: number, signal?: AbortSignal) => void;

	readonly clock = () => this.now;

	readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
		this.sleeps.push(ms);
		this.onSleep?.(ms, signal);
		if (signal?.aborted) throw new ExecutionCancelledError();
		expect(ms).toBeGreaterThan(0);
		await new Promise<void>((resolve) => setImmediate(resolve));
		this.now += ms;
	};
}

function limiterWith(time: FakeTime, options: Omit<RateLimiterOptions, 'clock' | 'sleep'>): RateLimiter {
	return new RateLimiter({ ...options, clock: time.clock, sleep: time.sleep });
}

/** Largest number of admissions in any half-open window [t, t + span). */
function maxInWindow(times: number[], span: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= span) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}

async function admitSequentially(limiter: RateLimiter, time: FakeTime, count: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		(await limiter.acquire()).settle('reply');
		times.push(time.now);
	}
	return times;
}

describe('RateLimiter window guarantee', () => {
	it.each([
		['limit 200, default window and safety', { limit: 200 }, RATE_WINDOW_MS + RATE_WINDOW_SAFETY_MS, 1000],
		['limit 200, burst 200', { limit: 200, burst: 200 }, RATE_WINDOW_MS + RATE_WINDOW_SAFETY_MS, 1000],
		['limit 7, window 100, safety 3', { limit: 7, windowMs: 100, safetyMs: 3 }, 103, 300],
		['limit 1', { limit: 1, windowMs: 50, safetyMs: 0 }, 50, 100],
	])('%s: no window of (window + safety) holds more than limit admissions', async (_label, options, span, count) => {
		const time = new FakeTime();
		const limiter = limiterWith(time, options);
		const times = await admitSequentially(limiter, time, count);
		expect(maxInWindow(times, span)).toBeLessThanOrEqual(options.limit);
		// The limit is actually used: some window is full.
		expect(maxInWindow(times, span)).toBe(options.limit);
	});

	it('concurrent acquisitions keep the same guarantee', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 200 });
		const times: number[] = [];
		await Promise.all(
			Array.from({ length: 1000 }, async () => {
				(await limiter.acquire()).settle('reply');
				times.push(time.now);
			}),
		);
		expect(times).toHaveLength(1000);
		expect(maxInWindow(times, RATE_WINDOW_MS + RATE_WINDOW_SAFETY_MS)).toBeLessThanOrEqual(200);
	});

	it('uses a default safety margin, so the server never sees more than limit per 1 s window', () => {
		expect(RATE_WINDOW_MS).toBe(1000);
		expect(RATE_WINDOW_SAFETY_MS).toBeGreaterThan(0);
	});
});

describe('RateLimiter pacing', () => {
	it('admits the first `burst` calls without sleeping, and sleeps for the next', async () => {
		for (const [limit, burst] of [
			[200, 20],
			[50, 50],
			[10, 3],
		]) {
			const time = new FakeTime();
			const limiter = limiterWith(time, { limit, burst });
			const start = time.now;
			await admitSequentially(limiter, time, burst);
			expect(time.sleeps).toEqual([]);
			expect(time.now).toBe(start);
			(await limiter.acquire()).settle('reply');
			expect(time.sleeps.length).toBeGreaterThan(0);
			expect(time.now).toBeGreaterThan(start);
		}
	});

	it('the default burst is a tenth of the limit', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 200 });
		await admitSequentially(limiter, time, 20);
		expect(time.sleeps).toEqual([]);
		(await limiter.acquire()).settle('reply');
		expect(time.sleeps.length).toBeGreaterThan(0);
	});

	it.each([
		[200, RATE_WINDOW_MS, RATE_WINDOW_SAFETY_MS],
		[13, 200, 10],
	])('long-run rate for limit %i is within 5 %% of limit / (window + safety)', async (limit, windowMs, safetyMs) => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit, windowMs, safetyMs });
		const times = await admitSequentially(limiter, time, 1000);
		const rate = (times.length - 1) / (times[times.length - 1] - times[0]);
		const target = limit / (windowMs + safetyMs);
		expect(Math.abs(rate - target) / target).toBeLessThanOrEqual(0.05);
	});

	it('calls spaced further apart than the pace never wait', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 10, windowMs: 1000, safetyMs: 0, burst: 1 });
		for (let i = 0; i < 30; i++) {
			(await limiter.acquire()).settle('reply');
			time.now += 101;
		}
		expect(time.sleeps).toEqual([]);
	});
});

describe('RateLimiter queue', () => {
	it('serves waiters first come, first served', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 5, windowMs: 100, safetyMs: 0, burst: 1 });
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 40 }, async (_, i) => {
				(await limiter.acquire()).settle('reply');
				order.push(i);
			}),
		);
		expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
	});

	it('an already aborted signal rejects without consuming a slot', async () => {
		const control = new FakeTime();
		const controlTimes = await admitSequentially(limiterWith(control, { limit: 3, windowMs: 100, safetyMs: 0, burst: 3 }), control, 6);

		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 3, windowMs: 100, safetyMs: 0, burst: 3 });
		const times: number[] = [];
		for (let i = 0; i < 6; i++) {
			if (i === 1 || i === 3) {
				const aborted = new AbortController();
				aborted.abort();
				await expect(limiter.acquire(aborted.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
			}
			(await limiter.acquire()).settle('reply');
			times.push(time.now);
		}
		expect(times).toEqual(controlTimes);
	});

	it('a waiter aborted while it waits rejects, and the next waiter gets the slot it would have had', async () => {
		const options = { limit: 3, windowMs: 100, safetyMs: 0, burst: 1 };
		const control = new FakeTime();
		const controlTimes = await admitSequentially(limiterWith(control, options), control, 8);

		const time = new FakeTime();
		const limiter = limiterWith(time, options);
		const controller = new AbortController();
		time.onSleep = (_ms, signal) => {
			if (signal === controller.signal) controller.abort();
		};
		const times: number[] = [];
		(await limiter.acquire()).settle('reply');
		times.push(time.now);
		const aborted = limiter.acquire(controller.signal);
		const rest = Array.from({ length: 7 }, async () => {
			(await limiter.acquire()).settle('reply');
			times.push(time.now);
		});
		await expect(aborted).rejects.toBeInstanceOf(ExecutionCancelledError);
		await Promise.all(rest);
		expect(times).toEqual(controlTimes);
		expect(maxInWindow(times, 100)).toBeLessThanOrEqual(3);
	});

	it('a rejected waiter does not block the queue', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 2, windowMs: 100, safetyMs: 0, burst: 1 });
		const controller = new AbortController();
		controller.abort();
		const settleNow = async (signal?: AbortSignal) => (await limiter.acquire(signal)).settle('reply');
		const results = await Promise.allSettled([settleNow(), settleNow(controller.signal), settleNow(), settleNow()]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
	});
});

describe('RateLimiter counts calls by when they can have reached the server', () => {
	/** Lets pending promise callbacks run without moving the fake clock. */
	const flush = async () => {
		for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
	};

	it('a call still in flight keeps its place in the window, however long it takes', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 2, windowMs: 100, safetyMs: 0, burst: 2 });
		const first = await limiter.acquire();
		const second = await limiter.acquire();
		let thirdAdmitted = false;
		const third = limiter.acquire().then((ticket) => {
			thirdAdmitted = true;
			return ticket;
		});
		// Let the fake clock run far past the window while the first call has no reply yet.
		while (time.now < 1_000_000 + 1000) await flush();
		expect(thirdAdmitted).toBe(false);
		first.settle('reply');
		(await third).settle('reply');
		expect(thirdAdmitted).toBe(true);
		second.settle('reply');
	});

	it('a call whose reply came late counts until its reply minus half the fastest round trip seen (safety 0)', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 1, windowMs: 100, safetyMs: 0, burst: 1 });
		// A normal call: 50 ms round trip, which becomes the fastest seen. At least half of it (25 ms) is the
		// way back, so it reached the server by 25 ms after admission, and the next call waits 25 + 100 ms.
		const start = time.now;
		const normal = await limiter.acquire();
		time.now += 50;
		normal.settle('reply');
		const afterNormal = await limiter.acquire();
		expect(time.now).toBe(start + 125);
		// A call stalled on its way out: 300 ms round trip. It may have reached the server as late as
		// 300 - 25 = 275 ms after admission, so the next call waits for 275 + 100 ms.
		const admittedAt = time.now;
		time.now += 300;
		afterNormal.settle('reply');
		(await limiter.acquire()).settle('reply');
		expect(time.now).toBe(admittedAt + 375);
	});

	it('keeps the fastest round trip ever seen, even after many slow replies (a busy event loop)', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 1, windowMs: 100, safetyMs: 0, burst: 1 });
		const fast = await limiter.acquire();
		time.now += 50;
		fast.settle('reply');
		// 100 replies that all look slow because they were processed late.
		for (let i = 0; i < 100; i++) {
			const slow = await limiter.acquire();
			time.now += 300;
			slow.settle('reply');
		}
		// The last one may have arrived as late as 300 - 50 / 2 ms after admission, not 300 - 300 / 2.
		const admittedAt = time.now - 300;
		(await limiter.acquire()).settle('reply');
		expect(time.now).toBe(admittedAt + 275 + 100);
	});

	it('a call that failed without a reply counts until it failed', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 1, windowMs: 100, safetyMs: 0, burst: 1 });
		const admittedAt = time.now;
		const failed = await limiter.acquire();
		time.now += 400;
		failed.settle('noReply');
		(await limiter.acquire()).settle('reply');
		expect(time.now).toBe(admittedAt + 500);
	});

	it('settling a ticket twice changes nothing', async () => {
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 1, windowMs: 100, safetyMs: 0, burst: 1 });
		const admittedAt = time.now;
		const ticket = await limiter.acquire();
		ticket.settle('reply');
		time.now += 500;
		ticket.settle('noReply');
		(await limiter.acquire()).settle('reply');
		expect(time.now).toBe(admittedAt + 500);
	});
});

describe('RateLimiter options', () => {
	it('clamps limit to at least 1 and floors fractions', () => {
		expect(new RateLimiter({ limit: 0 }).limit).toBe(1);
		expect(new RateLimiter({ limit: 12.7 }).limit).toBe(12);
	});
});

describe('sharedRateLimiter', () => {
	it('returns one limiter per SDKAppID, shared across callers', () => {
		const a = sharedRateLimiter(1400000000);
		expect(sharedRateLimiter(1400000000)).toBe(a);
		const b = sharedRateLimiter(1400000001);
		expect(b).not.toBe(a);
		expect(sharedRateLimiter(1400000001)).toBe(b);
	});

	it('uses the documented 200 calls/s limit', () => {
		expect(sharedRateLimiter(1400000002).limit).toBe(200);
	});
});

describe('RateLimiter forward delay allowance', () => {
	it('the safety margin counts towards the half round trip a call may have spent on its way out', async () => {
		// Fastest round trip 100 ms, safety 30: arrivals count up to 100 / 2 - 30 = 20 ms later than
		// "reply minus fastest round trip", on top of the 30 ms of safety in the window.
		const time = new FakeTime();
		const limiter = limiterWith(time, { limit: 1, windowMs: 1000, safetyMs: 30, burst: 1 });
		const admittedAt = time.now;
		const first = await limiter.acquire();
		time.now += 100;
		first.settle('reply');
		(await limiter.acquire()).settle('reply');
		expect(time.now).toBe(admittedAt + 20 + 1030);
	});
});
