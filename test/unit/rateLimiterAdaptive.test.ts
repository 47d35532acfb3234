// The rules an adaptive RateLimiter adds for workers sharing an app, on a fake clock: full speed until a
// throttle, then the start in rounds, the hold after a throttle, the window after a cut and after a storm,
// the burst at a lower rate.
import { DEFAULT_ADAPTIVE_RATE_POLICY, type CallSettlement } from '../../nodes/TencentChatOfficialAccount/transport/adaptiveRate';
import {
	INITIAL_IN_FLIGHT_ALLOWANCE,
	RATE_WINDOW_MS,
	RATE_WINDOW_SAFETY_MS,
	RateLimiter,
	ROUNDS_AFTER_THROTTLE_MS,
	START_FIRST_ROUND_CALLS,
	START_ROUND_MAX_SHARE_OF_LIMIT,
	UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT,
	type RateTicket,
} from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';
import { FakeScheduler } from './fakeScheduler';

const SPAN = RATE_WINDOW_MS + RATE_WINDOW_SAFETY_MS;

function adaptiveLimiter(time: FakeScheduler, limit = 200): RateLimiter {
	return new RateLimiter({ limit, adaptive: DEFAULT_ADAPTIVE_RATE_POLICY, clock: time.clock, sleep: time.sleep });
}

/** Moves the fake clock to `ms`, running everything due by then (the scheduler stops early when idle). */
async function advanceTo(time: FakeScheduler, ms: number): Promise<void> {
	time.at(ms, () => undefined);
	await time.runUntil(ms);
}

/** Starts `count` waiters at once; each records when it was admitted and keeps its ticket. */
function waiters(limiter: RateLimiter, time: FakeScheduler, count: number) {
	const admitted: Array<{ at: number; ticket: RateTicket }> = [];
	for (let i = 0; i < count; i++) void limiter.acquire().then((ticket) => admitted.push({ at: time.now, ticket }));
	return admitted;
}

/**
 * Answers each admitted call `roundTripMs` after it was admitted, with `settlement(call number)`; calls
 * admitted at or after `unansweredFrom` get no reply at all.
 */
function answerEvery(
	limiter: RateLimiter,
	time: FakeScheduler,
	count: number,
	roundTripMs: number,
	settlement: (n: number) => CallSettlement = () => 'reply',
	unansweredFrom = Infinity,
) {
	const admittedAt: number[] = [];
	for (let i = 0; i < count; i++) {
		void limiter.acquire().then((ticket) => {
			const n = admittedAt.length;
			admittedAt.push(time.now);
			if (time.now < unansweredFrom) time.at(time.now + roundTripMs, () => ticket.settle(settlement(n)));
		});
	}
	return admittedAt;
}

/** The calls a limiter at 200/s lets out in the first 99 ms of a run at full speed: the burst, then paced. */
const FULL_SPEED_FIRST_ROUND_TRIP_CALLS = 35;

/**
 * A run long ago met one throttle reply (another worker joined; an ordinary cut, the rate stays near the
 * ceiling), its replies 500 ms after each call: the limiter's next runs start in rounds. Returns the
 * moment the next run may begin, long after that run.
 */
async function throttledLongAgo(limiter: RateLimiter, time: FakeScheduler): Promise<number> {
	const admittedAt = answerEvery(limiter, time, 400, 500, (n) => (n === 300 ? 'throttled' : 'reply'));
	await advanceTo(time, time.now + 10_000);
	expect(admittedAt).toHaveLength(400);
	expect(limiter.currentLimit).toBeGreaterThanOrEqual(150);
	const next = time.now + 10_000;
	await advanceTo(time, next);
	return next;
}

describe('adaptive RateLimiter: full speed until a throttle', () => {
	it('a process never throttled for the app starts its first run at full speed, not in rounds', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const admittedAt = answerEvery(limiter, time, 200, 100);
		await time.runUntil(99);
		// No round of 10 waiting for its replies: the burst leaves at once, the pacing goes on.
		expect(admittedAt.filter((at) => at === 0).length).toBeGreaterThan(START_FIRST_ROUND_CALLS);
		expect(admittedAt.length).toBeGreaterThanOrEqual(FULL_SPEED_FIRST_ROUND_TRIP_CALLS);
	});

	it('after a throttle reply, its next run starts in rounds', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		// First run: one call of 200 comes back throttled (another worker joined).
		answerEvery(limiter, time, 200, 100, (n) => (n === 100 ? 'throttled' : 'reply'));
		await advanceTo(time, 30_000);
		const nextRun = time.now;
		const admittedAt = answerEvery(limiter, time, 200, 100);
		await advanceTo(time, nextRun + 99);
		expect(admittedAt).toHaveLength(START_FIRST_ROUND_CALLS);
	});

	it('after ROUNDS_AFTER_THROTTLE_MS without a throttle, a run starts at full speed again', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		await throttledLongAgo(limiter, time);
		// A run in rounds just before the quiet period ends: no throttle in it.
		const inRounds = time.now + ROUNDS_AFTER_THROTTLE_MS - 60_000;
		await advanceTo(time, inRounds);
		const roundRun = answerEvery(limiter, time, 100, 100);
		await advanceTo(time, inRounds + 99);
		expect(roundRun).toHaveLength(START_FIRST_ROUND_CALLS);
		const quiet = inRounds + 120_000;
		await advanceTo(time, quiet);
		const admittedAt = answerEvery(limiter, time, 200, 100);
		await advanceTo(time, quiet + 99);
		expect(admittedAt.length).toBeGreaterThanOrEqual(FULL_SPEED_FIRST_ROUND_TRIP_CALLS);
	});
});

describe('adaptive RateLimiter: the start in rounds (after a throttle)', () => {
	it('sends a first round, waits for all its replies, then a round up to twice as large', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = await throttledLongAgo(limiter, time);
		const admitted = waiters(limiter, time, 100);
		await time.runUntil(t0 + 50);
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS);
		// Nothing more while any reply of the round is missing.
		time.at(t0 + 60, () => {
			for (const call of admitted.slice(0, START_FIRST_ROUND_CALLS - 1)) call.ticket.settle('reply');
		});
		await advanceTo(time, t0 + 100);
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS);
		time.at(t0 + 110, () => admitted[START_FIRST_ROUND_CALLS - 1].ticket.settle('reply'));
		await advanceTo(time, t0 + 111);
		// The next round: what the full rate sends in the round's 110 ms (22), at most double (20).
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS + 2 * START_FIRST_ROUND_CALLS);
		expect(admitted.slice(START_FIRST_ROUND_CALLS).every((call) => call.at === t0 + 110)).toBe(true);
	});

	it('one slow reply holds the next round for at most twice the fastest round trip', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = await throttledLongAgo(limiter, time);
		const admitted = waiters(limiter, time, 100);
		await advanceTo(time, t0 + 1);
		time.at(t0 + 50, () => {
			for (const call of admitted.slice(1, START_FIRST_ROUND_CALLS)) call.ticket.settle('reply');
		});
		await advanceTo(time, t0 + 99);
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS);
		await advanceTo(time, t0 + 130);
		expect(admitted.length).toBeGreaterThan(START_FIRST_ROUND_CALLS);
		expect(admitted[START_FIRST_ROUND_CALLS].at).toBeGreaterThanOrEqual(t0 + 2 * 50);
	});

	it('rounds never grow past an eighth of the limit, and a window without throttles ends the start', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = await throttledLongAgo(limiter, time);
		const admittedAt = answerEvery(limiter, time, 2000, 300);
		await time.runUntil(t0 + SPAN - 1);
		const byMoment = new Map<number, number>();
		for (const at of admittedAt) byMoment.set(at - t0, (byMoment.get(at - t0) ?? 0) + 1);
		expect(Math.max(...byMoment.values())).toBe(Math.ceil(200 * START_ROUND_MAX_SHARE_OF_LIMIT));
		// Rounds at 0, 300, 600, 900 ms: 10, 20, 25, 25 calls, each leaving at once.
		expect([...byMoment.entries()]).toEqual([
			[0, 10],
			[300, 20],
			[600, 25],
			[900, 25],
		]);
		// After the first window: paced, no longer in rounds (calls leave between the 300 ms replies).
		await time.runUntil(t0 + 3000);
		const later = admittedAt.filter((at) => at > t0 + SPAN && at < t0 + 3000);
		expect(new Set(later.map((at) => Math.floor(at / 100))).size).toBeGreaterThan(10);
	});

	it('a throttle reply ends the start at once', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = await throttledLongAgo(limiter, time);
		const admitted = waiters(limiter, time, 60);
		await time.runUntil(t0 + 10);
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS);
		admitted[0].ticket.settle('throttled');
		// The hold after the throttle (its own call's window) is the only wait left; no round waits.
		await time.runUntil(t0 + SPAN + 100);
		expect(admitted.length).toBeGreaterThan(START_FIRST_ROUND_CALLS);
		expect(admitted[START_FIRST_ROUND_CALLS].at).toBeGreaterThanOrEqual(t0 + SPAN);
	});

	it('starts again after a window without calls', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = await throttledLongAgo(limiter, time);
		answerEvery(limiter, time, 5, 100);
		await advanceTo(time, t0 + 5000);
		const admitted = waiters(limiter, time, 50);
		await advanceTo(time, t0 + 5050);
		expect(admitted).toHaveLength(START_FIRST_ROUND_CALLS);
	});
});

describe('adaptive RateLimiter: after a throttle', () => {
	it('holds new calls until its oldest call in the window has left it (the app window has room then)', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		// Past the start: steady calls at the full rate, each answered after 150 ms.
		const admittedAt = answerEvery(limiter, time, 5000, 150, (n) => (n === 400 ? 'throttled' : 'reply'));
		await time.runUntil(8000);
		const throttledAnsweredAt = admittedAt[400] + 150;
		// The oldest call still in the window then was admitted about one window earlier: the hold is short
		// (the time that call may have spent on its way out, as the window counts it).
		const next = admittedAt.find((at) => at >= throttledAnsweredAt) ?? Infinity;
		expect(next - throttledAnsweredAt).toBeLessThan(100);
	});

	it('after a storm at the start, waits out the window it filled', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		// The 31st call and later ones are refused: other workers filled the app's window.
		const admittedAt = answerEvery(limiter, time, 200, 100, (n) => (n >= 30 ? 'throttled' : 'reply'));
		await time.runUntil(500);
		const sent = admittedAt.length;
		await time.runUntil(RATE_WINDOW_MS);
		// Nothing sent between the throttle replies and the end of the window its first calls opened.
		expect(admittedAt).toHaveLength(sent);
		expect(limiter.currentLimit).toBeLessThanOrEqual(30);
	});

	it('after a cut, keeps the window at the rate from before it: no pause, the pacing slows down', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const admittedAt = answerEvery(limiter, time, 5000, 100, (n) => (n === 600 ? 'throttled' : 'reply'));
		await time.runUntil(10_000);
		const cutAt = admittedAt[600] + 100;
		const after = admittedAt.filter((at) => at > cutAt && at < cutAt + 1000);
		const gaps = after.slice(1).map((at, i) => at - after[i]);
		// Paced at about 80 % of 200/s, never a pause of 100 ms or more.
		expect(Math.max(...gaps)).toBeLessThan(100);
		expect(after.length).toBeGreaterThan(140);
		expect(after.length).toBeLessThan(190);
	});
});

describe('adaptive RateLimiter: bursts and calls in flight', () => {
	it('a lower adaptive rate has a proportionally smaller burst', async () => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		// A storm cuts the rate to about 45; then half a window without calls fills the bucket (a whole
		// one would start the rounds again).
		const admittedAt = answerEvery(limiter, time, 200, 100, (n) => (n >= 50 && n < 55 ? 'throttled' : 'reply'));
		await time.runUntil(10_000);
		expect(admittedAt).toHaveLength(200);
		const quietFrom = Math.max(...admittedAt);
		await advanceTo(time, quietFrom + 500);
		const limit = limiter.currentLimit;
		expect(limit).toBeLessThan(100);
		const burst = waiters(limiter, time, 50);
		await advanceTo(time, quietFrom + 501);
		expect(burst.length).toBeGreaterThan(0);
		expect(burst.length).toBeLessThanOrEqual(Math.ceil((20 * limit) / 200));
	});

	it.each([
		['throttled lately', true, INITIAL_IN_FLIGHT_ALLOWANCE],
		['never throttled', false, Math.ceil(200 * UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT)],
	])('calls without a reply stay within the initial allowance plus those accepted in the last window (%s)', async (_name, throttled, allowance) => {
		const time = new FakeScheduler();
		const limiter = adaptiveLimiter(time);
		const t0 = throttled ? await throttledLongAgo(limiter, time) : 0;
		// Steady calls answered after 100 ms, until replies stop coming at 2 s.
		const admittedAt = answerEvery(limiter, time, 1000, 100, () => 'reply', t0 + 2000);
		await advanceTo(time, t0 + 10_000);
		const unanswered = admittedAt.filter((at) => at >= t0 + 2000);
		const acceptedBy2s = admittedAt.filter((at) => at < t0 + 2000 && at + 100 > t0 + 2000 - SPAN).length;
		expect(unanswered.length).toBeLessThanOrEqual(allowance + acceptedBy2s);
		// Once the accepted replies have left the window, nothing more goes out, however long it waits.
		expect(unanswered.filter((at) => at > t0 + 2100 + SPAN)).toEqual([]);
		expect(unanswered.length).toBeGreaterThanOrEqual(allowance);
	});
});
