// Child-process side of the benchmark emulator (see benchEmulator.ts, which forks this file).
// Runs the Tencent Chat REST emulator in its own process, so the benchmark process measures only the
// node's CPU time and memory, and answers requests from the parent over the IPC channel.
// It exits when told to stop, or as soon as the parent goes away (IPC disconnect).
import { DEFAULT_APP, maxArrivalsInWindow, startEmulator, type CallRecord, type TencentChatEmulator } from '../../test/emulator';
import { benchSubscriberIds, type ChildRequest, type ChildResponse, type EmulatorStats } from './benchEmulator';

const DELETE_COMMAND = 'official_account_open_http_svc/delete_subscriber';

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function stats(calls: CallRecord[]): EmulatorStats {
	const deletes = calls.filter((call) => call.command === DELETE_COMMAND);
	const admitted = calls.filter((call) => call.outcome !== 'rateLimited');
	const first = calls[0]?.atMs;
	const last = calls.at(-1)?.atMs;
	const replies = calls.flatMap((call) => (call.repliedAtMs === undefined ? [] : [call.repliedAtMs]));
	const residences = calls.flatMap((call) => (call.repliedAtMs === undefined ? [] : [call.repliedAtMs - call.atMs]));
	const outcomes: Record<string, number> = {};
	for (const call of calls) outcomes[call.outcome] = (outcomes[call.outcome] ?? 0) + 1;
	return {
		calls: calls.length,
		deleteCalls: deletes.length,
		idsSent: deletes.reduce((sum, call) => {
			const ids = (call.body as { SubscriberToDel_Account?: unknown } | undefined)?.SubscriberToDel_Account;
			return sum + (Array.isArray(ids) ? ids.length : 0);
		}, 0),
		rejected60007: calls.filter((call) => call.errorCode === 60007).length,
		outcomes,
		maxArrivalsIn1s: maxArrivalsInWindow(calls.map((call) => call.atMs), 1000),
		maxAdmittedIn1s: maxArrivalsInWindow(admitted.map((call) => call.atMs), 1000),
		arrivalSpanMs: first === undefined || last === undefined ? 0 : last - first,
		firstArrivalMs: first ?? null,
		lastArrivalMs: last ?? null,
		lastReplyMs: replies.length ? Math.max(...replies) : null,
		medianResidenceMs: median(residences),
		residencesMs: calls.length <= 1000 ? residences : undefined,
	};
}

async function main(): Promise<void> {
	const latencyMs = Number(process.env.BENCH_EMULATOR_LATENCY_MS ?? '100');
	const rateLimitPerSecond = Number(process.env.BENCH_EMULATOR_RATE_LIMIT ?? '200');
	const emulator: TencentChatEmulator = await startEmulator({ port: 0, latencyMs, rateLimitPerSecond });

	const send = (message: ChildResponse) => process.send?.(message);
	const shutdown = async (code: number) => {
		await Promise.race([emulator.stop(), new Promise((done) => setTimeout(done, 1000).unref())]);
		process.exit(code);
	};
	process.on('disconnect', () => void shutdown(0));

	process.on('message', (raw: unknown) => {
		const request = raw as ChildRequest;
		const reply = (result: unknown) => send({ id: request.id, ok: true, result });
		try {
			switch (request.op) {
				case 'seed': {
					const { officialAccount, count } = request;
					emulator.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount, subscribers: benchSubscriberIds(count) });
					reply(emulator.subscribers(DEFAULT_APP.sdkAppId, officialAccount).length);
					return;
				}
				case 'count':
					reply(emulator.subscribers(DEFAULT_APP.sdkAppId, request.officialAccount).length);
					return;
				case 'resetCalls':
					emulator.resetCalls();
					reply(true);
					return;
				case 'setLatency':
					emulator.setLatency(request.latencyMs);
					reply(true);
					return;
				case 'stats':
					reply(stats(emulator.calls));
					return;
				case 'timeline':
					// Compact call log for offline analysis: [arrival ms, reply ms | null, outcome, IDs in the body].
					reply(
						emulator.calls.map((call) => [
							Math.round(call.atMs * 10) / 10,
							call.repliedAtMs === undefined ? null : Math.round(call.repliedAtMs * 10) / 10,
							call.errorCode === 60007 ? '60007' : call.outcome,
							(call.body as { SubscriberToDel_Account?: unknown[] } | undefined)?.SubscriberToDel_Account?.length ?? 0,
						]),
					);
					return;
				case 'stop':
					reply(true);
					void shutdown(0);
					return;
				default:
					send({ id: (request as { id: number }).id, ok: false, error: `unknown op ${JSON.stringify(request)}` });
			}
		} catch (error) {
			send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
		}
	});
	send({ id: 0, ok: true, result: { url: emulator.url, latencyMs, rateLimitPerSecond } });
}

main().catch((error: unknown) => {
	console.error('bench emulator child failed:', error);
	process.exit(1);
});
