// The adaptive rate: the policy on its own, then K simulated processes on a fake clock against one
// simulated app that allows 200 calls in any 1 s window (test/unit/simulatedCluster.ts).
import {
	AdaptiveRate,
	DEFAULT_ADAPTIVE_RATE_POLICY,
	settlementOf,
} from '../../nodes/TencentChatOfficialAccount/transport/adaptiveRate';
import { UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT } from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';
import { SERVER_LIMIT, SimulatedCluster } from './simulatedCluster';

const policy = DEFAULT_ADAPTIVE_RATE_POLICY;

describe('AdaptiveRate policy', () => {
	it('starts at the ceiling and never rises above it', () => {
		const rate = new AdaptiveRate(200, policy);
		expect(rate.current).toBe(200);
		for (let t = 10; t < 60000; t += 10) rate.accepted(t - 5, t);
		expect(rate.current).toBe(200);
	});

	it('cuts by the decrease factor on a throttle, once per hold period', () => {
		const rate = new AdaptiveRate(200, policy);
		rate.throttled(1000, 1100, 200);
		expect(rate.current).toBeCloseTo(200 * policy.decreaseFactor);
		// The same episode: another throttle right after does not cut again.
		rate.throttled(1150, 1200, 200);
		expect(rate.current).toBeCloseTo(200 * policy.decreaseFactor);
		// A call sent before the cut says nothing about the new rate, even after the hold.
		rate.throttled(1050, 1100 + policy.decreaseHoldMs + 1, 200);
		expect(rate.current).toBeCloseTo(200 * policy.decreaseFactor);
		rate.throttled(1200, 1100 + policy.decreaseHoldMs + 2, 200);
		expect(rate.current).toBeCloseTo(200 * policy.decreaseFactor ** 2);
	});

	it('after a storm (less got through than the rate) goes on just below what got through', () => {
		const rate = new AdaptiveRate(200, policy);
		expect(rate.throttled(0, 100, 25)).toBe('storm');
		expect(rate.current).toBeCloseTo(25 * policy.stormShareKept);
		// …and comes back to that share along the cubic, then stays near it.
		for (let t = 110; t <= 100 + 400; t += 10) rate.accepted(t - 5, t);
		const early = rate.current;
		for (let t = 510; t <= 100 + 3000; t += 10) rate.accepted(t - 5, t);
		expect(early).toBeGreaterThan(25 * policy.stormShareKept);
		expect(rate.current).toBeGreaterThanOrEqual(25);
		expect(rate.current).toBeLessThan(40);
	});

	it('never goes below the floor', () => {
		const rate = new AdaptiveRate(200, policy);
		for (let i = 1; i <= 100; i++) rate.throttled(i * 2000 - 1, i * 2000, 0);
		expect(rate.current).toBe(200 * policy.floorShare);
	});

	it('grows back along a cubic: fast at first, flatter as it nears the rate it was cut from, capped at the ceiling', () => {
		const rate = new AdaptiveRate(200, policy);
		// Steady traffic at the ceiling, then a cut (not a storm: as much got through as the rate).
		expect(rate.throttled(0, 100, 200)).toBe('cut');
		const cutTo = rate.current;
		expect(cutTo).toBeCloseTo(200 * policy.decreaseFactor);
		// Along the way, the growth in each 250 ms: it falls while approaching 200 and rises after.
		const c = 200 * policy.growthPerSecondCubed;
		const secondsToPeak = Math.cbrt((200 - cutTo) / c);
		const growth: number[] = [];
		let last = cutTo;
		let t = 100;
		for (let step = 1; t < 100 + secondsToPeak * 1000; step++) {
			const until = 100 + step * 250;
			for (; t < until; t += 10) rate.accepted(t - 5, t);
			growth.push(rate.current - last);
			last = rate.current;
		}
		expect(growth[0]).toBeGreaterThan(0);
		for (let i = 1; i < growth.length; i++) expect(growth[i]).toBeLessThanOrEqual(growth[i - 1] + 1e-9);
		// Back at the ceiling (where it was cut) and capped there.
		for (; t < 100 + secondsToPeak * 1000 + 5000; t += 10) rate.accepted(t - 5, t);
		expect(rate.current).toBe(200);
	});

	it('beyond the share it came back to, grows faster and faster (capacity other workers left)', () => {
		const rate = new AdaptiveRate(200, policy);
		rate.throttled(0, 100, 50); // a storm: share 50, going on at 45
		const c = 200 * policy.growthPerSecondCubed;
		const secondsToPeak = Math.cbrt((50 - 50 * policy.stormShareKept) / c);
		const beyond = [0, 1, 2, 3, 4].map((s) => {
			const ms = 100 + (secondsToPeak + s) * 1000;
			rate.accepted(ms - 5, ms);
			return rate.current - 50;
		});
		expect(beyond[0]).toBeCloseTo(0, 5);
		for (let s = 1; s < beyond.length; s++) expect(beyond[s]).toBeCloseTo(c * s ** 3, 5);
	});

	it('a cut below the last peak aims lower than the rate it was cut from (room for a newcomer)', () => {
		const rate = new AdaptiveRate(200, policy);
		rate.throttled(0, 100, 200); // peak 200, rate 160
		rate.throttled(1000, 1200, 160); // below the peak: aims at 160 × (1 + β) / 2
		const c = 200 * policy.growthPerSecondCubed;
		const aim = (160 * (1 + policy.decreaseFactor)) / 2;
		const secondsToAim = Math.cbrt((aim - 160 * policy.decreaseFactor) / c);
		const at = 1200 + secondsToAim * 1000;
		rate.accepted(at - 5, at);
		expect(rate.current).toBeCloseTo(aim, 5);
	});

	it('treats throttle codes and HTTP 429 as throttles, other answers as replies, lost calls as no reply', () => {
		expect(settlementOf({ ok: true, reply: { ActionStatus: 'OK', ErrorCode: 0 } })).toBe('reply');
		for (const code of [60007, 60011, 60018, 60019]) {
			expect(settlementOf({ ok: false, failure: { kind: 'api', code, info: '' } })).toBe('throttled');
		}
		expect(settlementOf({ ok: false, failure: { kind: 'http', httpStatus: 429, info: '' } })).toBe('throttled');
		expect(settlementOf({ ok: false, failure: { kind: 'api', code: 20005, info: '' } })).toBe('reply');
		expect(settlementOf({ ok: false, failure: { kind: 'http', httpStatus: 502, info: '' } })).toBe('noReply');
		expect(settlementOf({ ok: false, failure: { kind: 'timeout', info: '' } })).toBe('noReply');
	});
});

/** Accepted calls per second of one process (or all) over [fromMs, toMs). */
function acceptedPerSecond(cluster: SimulatedCluster, fromMs: number, toMs: number, process?: number): number {
	return cluster.between(fromMs, toMs, process).filter((call) => !call.throttled).length / ((toMs - fromMs) / 1000);
}

function throttledShare(cluster: SimulatedCluster, fromMs: number, toMs: number): number {
	const calls = cluster.between(fromMs, toMs).filter((call) => call.process >= 0);
	return calls.filter((call) => call.throttled).length / Math.max(1, calls.length);
}

describe('K processes sharing one SDKAppID (fake clock, 100 ms round trips)', () => {
	it.each([1, 2, 4, 8])('K = %i: the total stays near the limit, throttling stays rare, shares stay near 200/K', async (k) => {
		// Started a little apart, as real workers pick up jobs.
		const cluster = new SimulatedCluster({ processes: k, startAtMs: (process) => process * 37 });
		await cluster.run(120_000);

		expect(acceptedPerSecond(cluster, 0, 120_000)).toBeGreaterThanOrEqual(0.85 * SERVER_LIMIT);
		// Fresh processes, never throttled, start at full speed: their first run among others storms, and
		// each loses at most what it may keep waiting for a reply before its first throttle reply. From
		// then on (every later run of a long-lived worker starts in rounds) throttling stays rare.
		const firstSeconds = cluster.between(0, 2000).filter((call) => call.process >= 0 && call.throttled);
		expect(firstSeconds.length).toBeLessThanOrEqual(k * Math.ceil(SERVER_LIMIT * UNTHROTTLED_IN_FLIGHT_SHARE_OF_LIMIT));
		expect(throttledShare(cluster, 2000, 120_000)).toBeLessThanOrEqual(0.05);
		// Fair over the last minute: Jain's fairness index ≥ 0.8 (1 = equal shares, 1/K = one takes all),
		// and nobody starves (each gets at least 40 % of 200/K). Throttle replies are the only signal and
		// reach one or two processes per episode, so shares even out statistically, not exactly.
		const shares = Array.from({ length: k }, (_, process) => acceptedPerSecond(cluster, 60_000, 120_000, process));
		const sum = shares.reduce((a, b) => a + b, 0);
		const jain = (sum * sum) / (k * shares.reduce((a, b) => a + b * b, 0));
		expect(jain).toBeGreaterThanOrEqual(0.8);
		for (const share of shares) expect(share).toBeGreaterThanOrEqual(0.4 * (SERVER_LIMIT / k));
	});

	it('no throttle storm: in the steady state no second has more than 15 % of its calls throttled', async () => {
		const cluster = new SimulatedCluster({ processes: 8, startAtMs: (process) => process * 11 });
		await cluster.run(60_000);
		for (let second = 5; second < 60; second++) {
			expect(throttledShare(cluster, second * 1000, (second + 1) * 1000)).toBeLessThanOrEqual(0.15);
		}
	});

	it('recovers after a burst of foreign traffic on the same app', async () => {
		const cluster = new SimulatedCluster({ processes: 1 });
		// Another system takes 300 calls/s of the app for 3 s, from 5 s on.
		cluster.foreignTraffic(5000, 8000, 900);
		await cluster.run(40_000);
		const [limiter] = cluster.limiters;

		expect(acceptedPerSecond(cluster, 1000, 5000, 0)).toBeGreaterThanOrEqual(0.9 * SERVER_LIMIT);
		// It gave way during the burst…
		expect(acceptedPerSecond(cluster, 6000, 8000, 0)).toBeLessThan(0.5 * SERVER_LIMIT);
		// …and is back near the ceiling within 20 s of its end.
		expect(acceptedPerSecond(cluster, 28_000, 40_000, 0)).toBeGreaterThanOrEqual(0.9 * SERVER_LIMIT);
		expect(limiter.currentLimit).toBeGreaterThanOrEqual(0.9 * SERVER_LIMIT);
	});

	it('a process that joins late gets its share without starving the others', async () => {
		const cluster = new SimulatedCluster({ processes: 2, startAtMs: (process) => (process === 0 ? 0 : 20_000) });
		await cluster.run(120_000);
		expect(acceptedPerSecond(cluster, 5000, 20_000, 0)).toBeGreaterThanOrEqual(0.9 * SERVER_LIMIT);
		for (const process of [0, 1]) {
			expect(acceptedPerSecond(cluster, 90_000, 120_000, process)).toBeGreaterThanOrEqual(0.35 * SERVER_LIMIT);
		}
	});
});
