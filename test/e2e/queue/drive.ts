// Driver of scripts/e2e-queue.sh (run with tsx once n8n's main and workers are up): starts the emulator in
// its own process on the given port (one SDKAppID, EXECUTIONS accounts of SUBSCRIBERS each, reply latency,
// 200 calls/s enforced), POSTs the queue workflow's webhook EXECUTIONS times at once, waits for every
// answer, then prints the figures of scripts/simulate-workers.ts as PASS / FAIL / FIGURE lines (tab-separated).
//
//   tsx test/e2e/queue/drive.ts <emulator port> <webhook URL> [executions=2] [subscribers=50000] [latency=100]
import { DEFAULT_APP } from '../../emulator';
import { maxArrivalsInWindow } from '../../emulator/callLog';
import { startEmulatorProcess } from '../../emulator/process';

const RATE_LIMIT = 200;
const CEILING_DELETIONS_PER_S = RATE_LIMIT * 100;
const GOAL = { pctOfCeiling: 85, throttledPct: 5 };

const line = (verdict: 'PASS' | 'FAIL' | 'FIGURE', label: string, detail: string | number = '') =>
	process.stdout.write(`${verdict}\t${label}\t${detail}\n`);
const check = (ok: boolean, label: string, detail: string | number = '') => line(ok ? 'PASS' : 'FAIL', label, detail);
const log = (message: string) => process.stderr.write(`[e2e-queue] ${message}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
	const [portText, webhookUrl, executionsText = '2', subscribersText = '50000', latencyText = '100'] = process.argv.slice(2);
	if (!portText || !webhookUrl) throw new Error('usage: drive.ts <emulator port> <webhook URL> [executions] [subscribers] [latency]');
	const executions = Number(executionsText);
	const subscribers = Number(subscribersText);
	const accountOf = (index: number) => `@TOA#_queue_${index}`;
	const emulator = await startEmulatorProcess(
		{ port: Number(portText), latencyMs: Number(latencyText), rateLimitPerSecond: RATE_LIMIT },
		30000,
	);
	try {
		for (let index = 0; index < executions; index++) {
			await emulator.addAccount({
				sdkAppId: DEFAULT_APP.sdkAppId,
				officialAccount: accountOf(index),
				subscribers: { generate: subscribers, offset: index * subscribers },
			});
		}
		log(`emulator at ${emulator.url}: ${executions} accounts × ${subscribers} subscribers; POSTing ${webhookUrl} ${executions}× at once`);
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: executions }, async (_, index) => {
				const response = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ account: accountOf(index), offset: index * subscribers, count: subscribers }),
					signal: AbortSignal.timeout(15 * 60 * 1000),
				});
				const text = await response.text();
				const endedAtMs = Date.now();
				let body: { statuses?: Record<string, number> } = {};
				try {
					body = JSON.parse(text) as typeof body;
				} catch {
					log(`execution ${index}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
				}
				return { status: response.status, statuses: body.statuses ?? {}, endedAtMs };
			}),
		);
		const wallS = (Math.max(...answers.map((answer) => answer.endedAtMs)) - started) / 1000;

		const timeline = await emulator.callTimeline();
		const deleteCalls = timeline.filter((entry) => entry[3] > 0);
		const throttled = deleteCalls.filter((entry) => entry[2] === '60007').length;
		const idsInAcceptedCalls = deleteCalls.filter((entry) => entry[2] === 'ok').reduce((sum, entry) => sum + entry[3], 0);
		let remaining = 0;
		for (let index = 0; index < executions; index++) remaining += await emulator.subscriberCount(DEFAULT_APP.sdkAppId, accountOf(index));
		const deleted = answers.reduce((sum, answer) => sum + (answer.statuses.deleted ?? 0), 0);
		const total = executions * subscribers;
		const deletionsPerS = deleted / wallS;
		const pct = round((deletionsPerS / CEILING_DELETIONS_PER_S) * 100);
		const throttledPct = round((throttled / Math.max(1, deleteCalls.length)) * 100);
		const maxIn1s = maxArrivalsInWindow(deleteCalls.map((entry) => entry[0]), 1000);
		// The node's part alone: from the first call reaching the emulator to the last reply (n8n's own work
		// before and after, e.g. the Code nodes and saving 50 000 items per execution, left out).
		const firstArrival = Math.min(...deleteCalls.map((entry) => entry[0]));
		const lastReply = Math.max(...deleteCalls.map((entry) => entry[1] ?? entry[0]));
		const sendPhasePct = round((deleted / ((lastReply - firstArrival) / 1000) / CEILING_DELETIONS_PER_S) * 100);

		answers.forEach((answer, index) => line('FIGURE', `execution ${index} statuses`, JSON.stringify(answer.statuses)));
		line('FIGURE', 'wall time from the POSTs to the last answer (s)', round(wallS, 2));
		line('FIGURE', 'total deletions/s', `${round(deletionsPerS, 0)} (${pct} % of the ${CEILING_DELETIONS_PER_S}/s ceiling)`);
		line('FIGURE', 'deletions/s from the first call to the last reply at the emulator', `${sendPhasePct} % of the ceiling`);
		line('FIGURE', 'throttled calls', `${throttled} of ${deleteCalls.length} (${throttledPct} %)`);
		line('FIGURE', 'most calls in any 1 s at the emulator', maxIn1s);
		check(answers.every((answer) => answer.status === 200), 'every webhook execution answered HTTP 200', answers.map((a) => a.status).join(', '));
		check(
			remaining === 0 && deleted === total && idsInAcceptedCalls === total,
			'every subscriber deleted exactly once',
			`deleted items ${deleted}/${total}, IDs in accepted calls ${idsInAcceptedCalls}, left ${remaining}`,
		);
		check(pct >= GOAL.pctOfCeiling, `total ≥ ${GOAL.pctOfCeiling} % of the ceiling`, `${pct} %`);
		check(throttledPct <= GOAL.throttledPct, `throttled calls ≤ ${GOAL.throttledPct} %`, `${throttledPct} %`);
	} finally {
		await emulator.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	},
);
