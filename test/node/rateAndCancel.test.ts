import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { startEmulatorProcess, type EmulatorProcess } from '../emulator/process';
import { APP, DELETE_COMMAND, deleteCalls, emulatorWith, ids } from './fixtures';

const NEWS = '@TOA#_news';

describe('rate limiting, measured at the emulator', () => {
	// The emulator runs in its own process here: it stamps arrivals on an idle event loop, as Tencent would,
	// instead of sharing one with the n8n engine under test.
	let server: EmulatorProcess;
	afterEach(async () => await server.stop());

	it('never sends more than 200 calls in any 1-second window (Tencent limit), and none is throttled', async () => {
		const all = ids('r', 500);
		server = await startEmulatorProcess({ accounts: [{ sdkAppId: APP, officialAccount: NEWS, subscribers: all }], latencyMs: 5 });
		const started = Date.now();
		const result = await runDeleteSubscribers({ emulator: server, input: [{ account: NEWS, ids: all }], options: { batchSize: 1 } });
		const elapsed = Date.now() - started;

		expect(result.status).toBe('success');
		const calls = (await server.calls()).filter((call) => call.command === DELETE_COMMAND);
		expect(calls.filter((call) => call.errorCode === 60007)).toHaveLength(0);
		expect(calls).toHaveLength(500);
		expect(await server.maxCallsInWindow(1000)).toBeLessThanOrEqual(200);
		// 500 calls at ≤ 200/s cannot take less than about 2 s (the first burst is free).
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		expect(await server.subscribers(APP, NEWS)).toEqual([]);
	});

	it('respects a lower Max Requests per Second', async () => {
		const all = ids('q', 90);
		server = await startEmulatorProcess({ accounts: [{ sdkAppId: APP, officialAccount: NEWS, subscribers: all }] });
		const result = await runDeleteSubscribers({
			emulator: server,
			input: [{ account: NEWS, ids: all }],
			options: { batchSize: 1, maxRequestsPerSecond: 40 },
		});
		expect(result.status).toBe('success');
		expect(await server.maxCallsInWindow(1000)).toBeLessThanOrEqual(40);
		expect(await server.maxCallsInWindow(1000)).toBeGreaterThanOrEqual(30);
	});
});

describe('concurrency and small runs', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('bounds the calls in flight with Max Concurrent Requests', async () => {
		const all = ids('c', 12);
		emulator = await emulatorWith({ [NEWS]: all }, { latencyMs: 80 });
		await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: all }], options: { batchSize: 1, maxConcurrentRequests: 3 } });
		const calls = deleteCalls(emulator);
		const maxOverlap = Math.max(
			...calls.map((call) => calls.filter((other) => other.atMs <= call.atMs && (other.repliedAtMs ?? Infinity) > call.atMs).length),
		);
		expect(maxOverlap).toBeLessThanOrEqual(3);
		expect(maxOverlap).toBeGreaterThanOrEqual(2);
	});

	it('adds no waiting to a single small call', async () => {
		emulator = await emulatorWith({ [NEWS]: ['w1'] });
		// Warm up module loading so the timing below is the node's own.
		await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 'nobody' }] });
		const started = Date.now();
		await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 'w1' }] });
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('cancellation', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('stops sending new calls promptly when the execution is cancelled', async () => {
		const all = ids('k', 40);
		emulator = await emulatorWith({ [NEWS]: all }, { latencyMs: 200 });
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: all }],
			options: { batchSize: 1, maxConcurrentRequests: 2 },
			cancelAfterMs: 500,
		});
		const sentAtEnd = deleteCalls(emulator).length;
		await new Promise((resolve) => setTimeout(resolve, 700));

		expect(result.status).toBe('canceled');
		expect(sentAtEnd).toBeLessThanOrEqual(8);
		expect(deleteCalls(emulator).length).toBe(sentAtEnd);
	});

	it('does not retry after cancellation', async () => {
		emulator = await emulatorWith({ [NEWS]: ['k1'] });
		// The first retry of a throttled call waits only for the rate limiter; the second backs off ≥ 500 ms,
		// and the run is cancelled during that wait.
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ errorCode: 60007 }, { errorCode: 60007 }, { errorCode: 60007 }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 'k1' }], cancelAfterMs: 150 });
		// A call that left just before the cancellation may still be on its way to the emulator; a retry would
		// come at least 500 ms later.
		await new Promise((resolve) => setTimeout(resolve, 100));
		const sentAtEnd = deleteCalls(emulator).length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(result.status).toBe('canceled');
		expect(sentAtEnd).toBeLessThanOrEqual(2);
		expect(deleteCalls(emulator)).toHaveLength(sentAtEnd);
	});
});
