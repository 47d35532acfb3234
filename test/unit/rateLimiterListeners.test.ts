// The adaptive RateLimiter's waits for a reply, with n8n's own sleep (real timers, real abort listeners):
// hundreds of waits on one execution signal leave no listener behind and make Node print no warning.
// The limiter's clock is moved by hand, so the start's rounds are the same on any machine.
import { getEventListeners } from 'node:events';

import { DEFAULT_ADAPTIVE_RATE_POLICY } from '../../nodes/TencentChatOfficialAccount/transport/adaptiveRate';
import { RateLimiter, type RateTicket } from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';

const nextMacrotask = async () => await new Promise<void>((resolve) => setImmediate(resolve));

const ROUND_TRIP_MS = 100;

/**
 * A limiter whose next run starts in rounds: each reply of a round wakes the call waiting for the next
 * one, and all but the round's last reply send it back to wait. A throttle reply long ago puts it there.
 */
function limiterStartingInRounds(): { limiter: RateLimiter; time: { now: number } } {
	const time = { now: 0 };
	const limiter = new RateLimiter({ limit: 200, adaptive: DEFAULT_ADAPTIVE_RATE_POLICY, clock: () => time.now });
	return { limiter, time };
}

async function throttleOnce(limiter: RateLimiter, time: { now: number }): Promise<void> {
	const ticket = await limiter.acquire();
	time.now += ROUND_TRIP_MS;
	ticket.settle('throttled');
	time.now += 20_000;
}

describe('RateLimiter waits for a reply without leaking abort listeners', () => {
	const warnings: Error[] = [];
	const onWarning = (warning: Error) => warnings.push(warning);
	beforeEach(() => {
		warnings.length = 0;
		process.on('warning', onWarning);
	});
	afterEach(() => {
		process.off('warning', onWarning);
	});

	it('a reply that ends a wait removes its listener at once, over hundreds of waits on one signal', async () => {
		const { limiter, time } = limiterStartingInRounds();
		await throttleOnce(limiter, time);
		const execution = new AbortController();
		const signal = execution.signal;
		const held: RateTicket[] = [];
		const calls = Array.from({ length: 300 }, async () => held.push(await limiter.acquire(signal)));
		await nextMacrotask();

		let repliesWhileWaiting = 0;
		for (let round = 0; round < 8; round++) {
			expect(held.length).toBeGreaterThan(0);
			time.now += ROUND_TRIP_MS;
			// Replies one by one: each wakes the waiting call, which waits again until the round is all in.
			for (const ticket of held.splice(0)) {
				ticket.settle('reply');
				repliesWhileWaiting++;
				await nextMacrotask();
				// At most the wait going on now listens on the execution's signal.
				expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
			}
			await nextMacrotask();
		}
		expect(repliesWhileWaiting).toBeGreaterThan(100);

		// Let every call through and answer it.
		let answered = repliesWhileWaiting;
		while (answered < calls.length) {
			time.now += ROUND_TRIP_MS;
			await new Promise((resolve) => setTimeout(resolve, 15));
			for (const ticket of held.splice(0)) {
				ticket.settle('reply');
				answered++;
			}
		}
		await Promise.all(calls);
		expect(getEventListeners(signal, 'abort')).toHaveLength(0);
		await nextMacrotask();
		expect(warnings.map((warning) => warning.message)).toEqual([]);
	});

	it('cancelling the execution still ends a wait for a reply at once, and leaves no listener', async () => {
		const { limiter, time } = limiterStartingInRounds();
		await throttleOnce(limiter, time);
		const execution = new AbortController();
		const calls = Array.from({ length: 30 }, async () => await limiter.acquire(execution.signal));
		await nextMacrotask();
		execution.abort();
		const results = await Promise.allSettled(calls);
		expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(0);
		expect(results.filter((result) => result.status === 'rejected').map((result) => String(result.reason))).toContain(
			'ExecutionCancelledError: The execution was cancelled',
		);
		expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
	});
});
