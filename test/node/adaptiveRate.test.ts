// The adaptive rate in the real n8n engine: Tencent throttles 30 % of calls for two seconds in the middle
// of a long delete. The process-wide rate for the app drops, nothing is lost or deleted twice, and the
// rate climbs back once the throttling stops.
import { sharedRateLimiter } from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';
import { API_CALLS_PER_SECOND_LIMIT } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, deleteCalls, emulatorWith, ids, sentIds } from './fixtures';

const NEWS = '@TOA#_news';
const THROTTLE_FROM_MS = 1500;
const THROTTLE_FOR_MS = 2000;

describe('adaptive rate under a throttle episode', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('drops while Tencent throttles, deletes every subscriber exactly once, and recovers', async () => {
		const all = ids('a', 3000);
		emulator = await emulatorWith({ [NEWS]: all }, { latencyMs: 20 });
		// This test file has its own module registry, so the app's limiter starts fresh at the ceiling.
		const limiter = sharedRateLimiter(APP);
		expect(limiter.currentLimit).toBe(API_CALLS_PER_SECOND_LIMIT);

		const samples: Array<{ atMs: number; rate: number }> = [];
		const started = Date.now();
		const sampler = setInterval(() => samples.push({ atMs: Date.now() - started, rate: limiter.currentLimit }), 50);
		const throttleOn = setTimeout(() => emulator.setRates({ throttle: 0.3 }), THROTTLE_FROM_MS);
		const throttleOff = setTimeout(() => emulator.setRates({}), THROTTLE_FROM_MS + THROTTLE_FOR_MS);
		let result: Awaited<ReturnType<typeof runDeleteSubscribers>>;
		try {
			result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: all }], options: { batchSize: 1 } });
		} finally {
			clearInterval(sampler);
			clearTimeout(throttleOn);
			clearTimeout(throttleOff);
		}
		const endedAtMs = Date.now() - started;

		expect(result.status).toBe('success');
		const calls = deleteCalls(emulator);
		const throttled = calls.filter((call) => call.errorCode === 60007);
		expect(throttled.length).toBeGreaterThan(0);
		// Exactly once: every ID in exactly one call Tencent carried out, and none left.
		const acceptedCount = new Map<string, number>();
		for (const call of calls.filter((c) => c.errorCode === 0)) {
			for (const id of sentIds(call)) acceptedCount.set(id, (acceptedCount.get(id) ?? 0) + 1);
		}
		expect(acceptedCount.size).toBe(all.length);
		expect([...acceptedCount.values()].every((count) => count === 1)).toBe(true);
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
		expect(result.outputs[0].filter((item) => item.json.status === 'deleted')).toHaveLength(all.length);

		// The rate dropped well below the ceiling during the episode…
		const throttleEndMs = THROTTLE_FROM_MS + THROTTLE_FOR_MS;
		const lowest = Math.min(...samples.filter((s) => s.atMs <= throttleEndMs + 1000).map((s) => s.rate));
		expect(lowest).toBeLessThanOrEqual(0.8 * API_CALLS_PER_SECOND_LIMIT);
		// …and climbed back near it before the run ended.
		expect(endedAtMs).toBeGreaterThan(throttleEndMs);
		const after = samples.filter((s) => s.atMs > throttleEndMs);
		expect(Math.max(...after.map((s) => s.rate))).toBeGreaterThanOrEqual(0.9 * API_CALLS_PER_SECOND_LIMIT);
		expect(limiter.currentLimit).toBeGreaterThanOrEqual(0.9 * API_CALLS_PER_SECOND_LIMIT);
	}, 120_000);
});
