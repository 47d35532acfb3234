// The per-account message pacer under a fake clock: one message per second per account, counted by when a
// message can have reached Tencent, shared by every run in the process.
import { SEND_MESSAGE } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
import { messagePacerOptions, sharedMessagePacer } from '../../nodes/TencentChatOfficialAccount/transport/messagePacer';
import { RATE_WINDOW_SAFETY_MS, RateLimiter } from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';
import { FakeScheduler } from './fakeScheduler';

/** A clock that moves only when someone sleeps (the pacer, or a fake round trip). */
class FakeTime {
	now = 5_000_000;

	readonly clock = () => this.now;

	readonly sleep = async (ms: number): Promise<void> => {
		await new Promise<void>((resolve) => setImmediate(resolve));
		this.now += ms;
	};
}

function pacerWith(time: FakeTime): RateLimiter {
	return new RateLimiter({ ...messagePacerOptions(), clock: time.clock, sleep: time.sleep });
}

/** One message: admitted by the pacer, then a round trip of `roundTripMs`, then settled. */
async function sendOne(pacer: RateLimiter, time: FakeTime, roundTripMs: number, gotReply = true): Promise<number> {
	const ticket = await pacer.acquire();
	const admittedAt = time.now;
	await time.sleep(roundTripMs);
	ticket.settle(gotReply ? 'reply' : 'noReply');
	return admittedAt;
}

describe('message pacer: one message per second per account', () => {
	it('spaces three messages to one account at least a second apart', async () => {
		// A discrete-event clock: each message's 80 ms round trip is 80 ms however long the pacer sleeps
		// meanwhile (the limiter counts arrivals from round trips, so they must not be stretched).
		const time = new FakeScheduler();
		const pacer = new RateLimiter({ ...messagePacerOptions(), clock: time.clock, sleep: time.sleep });
		const sendOne = async () => {
			const ticket = await pacer.acquire();
			const admittedAt = time.now;
			await time.sleep(80);
			ticket.settle('reply');
			return admittedAt;
		};
		const sent = Promise.all([sendOne(), sendOne(), sendOne()]);
		await time.runUntil(10_000);
		const admitted = await sent;
		const gaps = admitted.slice(1).map((at, index) => at - admitted[index]);
		expect(gaps).toHaveLength(2);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(SEND_MESSAGE.perAccountIntervalMs + RATE_WINDOW_SAFETY_MS);
		// ...and not much more: the pacer waits for the second, not for extra round trips.
		for (const gap of gaps) expect(gap).toBeLessThan(SEND_MESSAGE.perAccountIntervalMs + RATE_WINDOW_SAFETY_MS + 100);
	});

	it('holds the next message while the previous one is still waiting for its reply', async () => {
		const time = new FakeTime();
		const pacer = pacerWith(time);
		const first = await pacer.acquire();
		const firstAdmitted = time.now;
		let secondAdmitted: number | undefined;
		const second = pacer.acquire().then((ticket) => {
			secondAdmitted = time.now;
			return ticket;
		});
		// Two seconds pass with the first message in flight (a slow Tencent): it may arrive any moment.
		for (let i = 0; i < 20; i++) await time.sleep(100);
		expect(secondAdmitted).toBeUndefined();
		first.settle('reply');
		(await second).settle('reply');
		expect(secondAdmitted! - firstAdmitted).toBeGreaterThanOrEqual(SEND_MESSAGE.perAccountIntervalMs);
	});

	it('with a fast round trip known, a message settled late counts as arriving late', async () => {
		const time = new FakeTime();
		const pacer = pacerWith(time);
		await sendOne(pacer, time, 50);
		await time.sleep(2000);
		// This one is slow: 600 ms, so it reached Tencent at least 550 ms after its admission.
		const slowAdmitted = await sendOne(pacer, time, 600);
		const next = await sendOne(pacer, time, 50);
		expect(next - (slowAdmitted + 550)).toBeGreaterThanOrEqual(SEND_MESSAGE.perAccountIntervalMs);
	});

	it('after a message without a reply (it may have arrived at the last moment), waits a full second from the failure', async () => {
		const time = new FakeTime();
		const pacer = pacerWith(time);
		await sendOne(pacer, time, 500, false);
		const failedAt = time.now;
		const next = await sendOne(pacer, time, 10);
		expect(next - failedAt).toBeGreaterThanOrEqual(SEND_MESSAGE.perAccountIntervalMs);
	});

	it('is one pacer per SDKAppID and account for the whole process', () => {
		expect(sharedMessagePacer(1400000001, '@TOA#_news')).toBe(sharedMessagePacer(1400000001, '@TOA#_news'));
		expect(sharedMessagePacer(1400000001, '@TOA#_news')).not.toBe(sharedMessagePacer(1400000001, '@TOA#_sport'));
		expect(sharedMessagePacer(1400000001, '@TOA#_news')).not.toBe(sharedMessagePacer(1400000002, '@TOA#_news'));
		expect(sharedMessagePacer(1400000001, '@TOA#_news').limit).toBe(1);
	});
});
