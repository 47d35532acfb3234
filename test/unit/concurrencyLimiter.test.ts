// ConcurrencyLimiter: bound on calls in flight, FIFO hand-over, abort.
import { ExecutionCancelledError } from '../../nodes/TencentChatOfficialAccount/transport/cancellation';
import { ConcurrencyLimiter } from '../../nodes/TencentChatOfficialAccount/transport/concurrencyLimiter';

/** Lets pending promise callbacks (and one macrotask) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
	it.each([1, 3, 8])('never has more than %i active, and runs every task', async (max) => {
		const limiter = new ConcurrencyLimiter(max);
		let active = 0;
		let peak = 0;
		let done = 0;
		let seed = 7;
		const jitter = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return 1 + ((seed >>> 16) % 4);
		};
		await Promise.all(
			Array.from({ length: 30 }, async () => {
				await limiter.acquire();
				try {
					active++;
					peak = Math.max(peak, active);
					expect(limiter.inFlight).toBeLessThanOrEqual(max);
					for (let i = jitter(); i > 0; i--) await settle();
				} finally {
					active--;
					limiter.release();
				}
				done++;
			}),
		);
		expect(done).toBe(30);
		expect(peak).toBe(max);
		expect(limiter.inFlight).toBe(0);
	});

	it('grants free slots at once and makes the next caller wait', async () => {
		const limiter = new ConcurrencyLimiter(2);
		await limiter.acquire();
		await limiter.acquire();
		expect(limiter.inFlight).toBe(2);
		let granted = false;
		const waiting = limiter.acquire().then(() => {
			granted = true;
		});
		await settle();
		expect(granted).toBe(false);
		limiter.release();
		await waiting;
		expect(granted).toBe(true);
		expect(limiter.inFlight).toBe(2);
	});

	it('hands slots to waiters first come, first served', async () => {
		const limiter = new ConcurrencyLimiter(1);
		await limiter.acquire();
		const order: number[] = [];
		const waiters = Array.from({ length: 10 }, (_, i) =>
			limiter.acquire().then(() => {
				order.push(i);
			}),
		);
		for (let i = 0; i < 10; i++) {
			await settle();
			expect(order).toHaveLength(i);
			limiter.release();
		}
		await Promise.all(waiters);
		expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it('an aborted waiter rejects, leaves the queue, and the slot goes to the next waiter', async () => {
		const limiter = new ConcurrencyLimiter(1);
		await limiter.acquire();
		const controller = new AbortController();
		const order: string[] = [];
		const a = limiter.acquire().then(() => order.push('a'));
		const b = limiter.acquire(controller.signal).then(() => order.push('b'));
		const c = limiter.acquire().then(() => order.push('c'));
		controller.abort();
		await expect(b).rejects.toBeInstanceOf(ExecutionCancelledError);
		limiter.release();
		await a;
		limiter.release();
		await c;
		expect(order).toEqual(['a', 'c']);
		expect(limiter.inFlight).toBe(1);
		limiter.release();
		expect(limiter.inFlight).toBe(0);
	});

	it('an already aborted signal rejects at once and takes no slot', async () => {
		const limiter = new ConcurrencyLimiter(1);
		const controller = new AbortController();
		controller.abort();
		await expect(limiter.acquire(controller.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(limiter.inFlight).toBe(0);
		await limiter.acquire();
		expect(limiter.inFlight).toBe(1);
	});

	it('aborting after the slot was granted changes nothing', async () => {
		const limiter = new ConcurrencyLimiter(1);
		await limiter.acquire();
		const controller = new AbortController();
		const granted = limiter.acquire(controller.signal);
		limiter.release();
		await granted;
		controller.abort();
		await settle();
		expect(limiter.inFlight).toBe(1);
		let next = false;
		const waiting = limiter.acquire().then(() => {
			next = true;
		});
		await settle();
		expect(next).toBe(false);
		limiter.release();
		await waiting;
		expect(next).toBe(true);
	});
});
