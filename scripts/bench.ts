// npm run bench:engine [-- --latency MS --subscribers N --quick]
//
// The quick in-process loop for development (the figures users get come from npm run bench, in a real
// n8n: scripts/benchN8n.ts). Throughput and overhead of Subscriber → Delete, run in n8n-core's real
// WorkflowExecute with the node loaded from dist/ by PackageDirectoryLoader, against the Tencent Chat emulator running in a SEPARATE
// child process (test/emulator/process) with reply latency (default 100 ms) and the 200 calls/s
// per-SDKAppID limit enforced. Prints one JSON line per case on stdout (progress goes to stderr):
//   bulk    N subscribers (default 100 000) over N/100 input items, batch size 100
//   perId   N/10 subscribers (default 10 000), batch size 1 (one ID per call), plus ratioVsBulk
//   webhook one item with one ID, run sequentially (default 20 times): added latency per run
// Goal of the product issue: ≥ 95 % of the ceiling (200 calls/s × 100 IDs = 20 000 deletions/s) at
// 100 ms latency, node CPU < 1 s and RSS growth < 200 MB per 100 000 subscribers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { DEFAULT_APP } from '../test/emulator';
import { generatedSubscriberIds, startEmulatorProcess, type CallStats, type EmulatorProcess } from '../test/emulator/process';
import { emulatorCredentials } from '../test/engine/emulatorCredentials';
import { httpFloorNode, type FloorMode } from './lib/httpFloorNode';
import { loadCommunityPackage, useTempN8nUserFolder } from './lib/n8nPackage';

const REPO_ROOT = resolve(__dirname, '..');
const RATE_LIMIT = 200;
const MAX_IDS_PER_CALL = 100;
const CEILING_DELETIONS_PER_S = RATE_LIMIT * MAX_IDS_PER_CALL;
const GOAL = { pctOfCeiling: 95, cpuSPer100k: 1, rssGrowthMBPer100k: 200 };
/** Whole benchmark, whatever happens. */
const GLOBAL_TIMEOUT_MS = 20 * 60 * 1000;

const USAGE = `Usage: npm run bench:engine -- [--latency MS] [--subscribers N] [--perid N] [--runs N] [--quick]
  --latency MS      emulator reply latency (default 100)
  --subscribers N   bulk case size (default 100000; N/100 input items of 100 IDs)
  --perid N         one-ID-per-call case size (default N/10)
  --runs N          webhook case runs (default 20)
  --quick           small sizes for a smoke run (2000 / 200 / 5)
  --only CASES      comma-separated subset of bulk,perId,webhook
  --diagnose        also run httpFloor: the same number of calls as bulk, paced, from a bare node
                    (n8n's httpRequestWithAuthentication vs raw node:http keep-alive): CPU per call of HTTP alone
  --dump DIR        write each throughput case's call log and event-loop lag timeline to DIR/<case>.json`;

function log(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

/** A bad command-line argument: reported with the usage text, without a stack trace. */
class UsageError extends Error {}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	if (!/^\d+$/.test(text) || Number(text) <= 0) throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
	return Number(text);
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Other work on the machine skews wall times and rate-limit jitter; each result line records it. */
function machineLoad() {
	return { cpus: cpus().length, loadAvg1m: round(loadavg()[0], 2) };
}

/** Same clock as the emulator's CallRecord.atMs, so times compare across the two processes. */
const epochMs = () => performance.timeOrigin + performance.now();

/** Samples RSS and heap on a timer while a case runs; also logs how late each tick fires (event-loop lag). */
function startMemorySampler(intervalMs = 20) {
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;
	let peakHeap = baseline.heapUsed;
	const lag: Array<[number, number]> = [];
	let expected = performance.now() + intervalMs;
	const sample = () => {
		const usage = process.memoryUsage();
		if (usage.rss > peakRss) peakRss = usage.rss;
		if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
	};
	const timer = setInterval(() => {
		const now = performance.now();
		lag.push([round(epochMs(), 1), round(Math.max(0, now - expected), 1)]);
		expected = now + intervalMs;
		sample();
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { baselineRss: baseline.rss, peakRss, baselineHeap: baseline.heapUsed, peakHeap, lag };
		},
	};
}

/** Adds the account with `count` generated subscribers (generatedSubscriberIds), made up in the emulator's process. */
async function seed(emulator: EmulatorProcess, officialAccount: string, count: number): Promise<number> {
	return await emulator.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount, subscribers: { generate: count } });
}

interface Loaded {
	nodeType: INodeType;
	typeName: string;
	credentialTypes: Record<string, ICredentialType>;
	runNode: typeof import('../test/engine/runNode').runNode;
}

interface ThroughputCase {
	name: 'bulk' | 'perId';
	subscribers: number;
	batchSize: number;
	idsPerItem: number;
}

async function runThroughput(loaded: Loaded, emulator: EmulatorProcess, spec: ThroughputCase, latencyMs: number, dumpDir?: string) {
	const officialAccount = `@TOA#_bench_${spec.name.toLowerCase()}`;
	const ids = generatedSubscriberIds(spec.subscribers);
	const seeded = await seed(emulator, officialAccount, spec.subscribers);
	const input: IDataObject[] = [];
	for (let start = 0; start < ids.length; start += spec.idsPerItem) input.push({ ids: ids.slice(start, start + spec.idsPerItem) });
	await emulator.resetCalls();
	// Expected duration at the rate limit, with generous slack; the run is cancelled past it.
	const expectedS = Math.ceil(spec.subscribers / spec.batchSize) / RATE_LIMIT + latencyMs / 1000;
	const cancelAfterMs = Math.max(60000, Math.round(expectedS * 4000));
	log(`${spec.name}: ${spec.subscribers} subscribers, ${input.length} items, batch size ${spec.batchSize} (expect ≈ ${round(expectedS)} s)`);

	const machine = machineLoad();
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	const memory = startMemorySampler();
	loopDelay.enable();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const startedEpoch = epochMs();
	const result = await loaded.runNode({
		nodeType: loaded.nodeType,
		typeName: loaded.typeName,
		credentialTypes: loaded.credentialTypes,
		credentials: { tencentChatApi: emulatorCredentials(emulator) },
		parameters: {
			resource: 'subscriber',
			operation: 'delete',
			officialAccount,
			subscriberIds: '={{ $json.ids }}',
			options: { batchSize: spec.batchSize },
		},
		input,
		onError: 'continueRegularOutput',
		cancelAfterMs,
	});
	const wallMs = performance.now() - started;
	const endedEpoch = epochMs();
	const cpu = process.cpuUsage(cpuBefore);
	loopDelay.disable();
	const mem = memory.stop();
	if (dumpDir) {
		mkdirSync(dumpDir, { recursive: true });
		const file = join(dumpDir, `${spec.name}.json`);
		writeFileSync(file, JSON.stringify({ startedEpoch, endedEpoch, calls: await emulator.callTimeline(), loopLag: mem.lag }));
		log(`${spec.name}: call log and event-loop lag written to ${file}`);
	}

	const items = result.outputs[0] ?? [];
	const statuses: Record<string, number> = {};
	for (const item of items) {
		const status = String((item.json as IDataObject).status ?? 'none');
		statuses[status] = (statuses[status] ?? 0) + 1;
	}
	const stats: CallStats = await emulator.callStats();
	const remaining = await emulator.subscriberCount(DEFAULT_APP.sdkAppId, officialAccount);
	const wallS = wallMs / 1000;
	const deleted = statuses.deleted ?? 0;
	const deletionsPerS = deleted / wallS;
	const cpuS = (cpu.user + cpu.system) / 1e6;
	const per100k = 100000 / spec.subscribers;
	const callCeiling = RATE_LIMIT * spec.batchSize;
	return {
		case: spec.name,
		status: result.status,
		...(result.error ? { error: result.error.message } : {}),
		latencyMs,
		subscribers: seeded,
		inputItems: input.length,
		batchSize: spec.batchSize,
		outputItems: items.length,
		statuses,
		remainingAtEmulator: remaining,
		wallS: round(wallS, 2),
		calls: stats.deleteCalls,
		callsPerS: round(stats.deleteCalls / wallS, 1),
		deletionsPerS: round(deletionsPerS, 0),
		ceilingDeletionsPerS: CEILING_DELETIONS_PER_S,
		pctOfCeiling: round((deletionsPerS / CEILING_DELETIONS_PER_S) * 100, 1),
		// The same against what this batch size allows (200 calls/s × batch size): the limiter's efficiency.
		pctOfCallCeiling: round((deletionsPerS / callCeiling) * 100, 1),
		cpuS: round(cpuS, 2),
		cpuUserS: round(cpu.user / 1e6, 2),
		cpuSystemS: round(cpu.system / 1e6, 2),
		cpuSPer100k: round(cpuS * per100k, 2),
		rssBaselineMB: mb(mem.baselineRss),
		rssPeakMB: mb(mem.peakRss),
		rssGrowthMB: mb(mem.peakRss - mem.baselineRss),
		rssGrowthMBPer100k: mb((mem.peakRss - mem.baselineRss) * per100k),
		heapPeakMB: mb(mem.peakHeap),
		rejected60007: stats.rejected60007,
		maxCallsIn1s: stats.maxArrivalsIn1s,
		maxAdmittedIn1s: stats.maxAdmittedIn1s,
		// Where the wall time goes: before the first call arrives, between first and last arrival, after the last reply.
		startupMs: stats.firstArrivalMs === null ? null : round(stats.firstArrivalMs - startedEpoch, 0),
		emulatorSpanS: round(stats.arrivalSpanMs / 1000, 2),
		// Throughput between the first call's arrival and the last reply (no start-up, no tail), against
		// what this batch size allows: how close the limiter itself gets to 200 calls/s.
		sendPhasePctOfCallCeiling:
			stats.firstArrivalMs === null || stats.lastReplyMs === null
				? null
				: round((deleted / ((stats.lastReplyMs - stats.firstArrivalMs) / 1000) / callCeiling) * 100, 1),
		tailMs: stats.lastReplyMs === null ? null : round(endedEpoch - stats.lastReplyMs, 0),
		cpuMsPerCall: stats.deleteCalls ? round((cpuS * 1000) / stats.deleteCalls, 2) : null,
		eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
		eventLoopDelayMaxMs: round(loopDelay.max / 1e6, 1),
		machine,
	};
}

/** One execution of the node with one input item and one subscriber ID (the webhook shape). */
async function runOneId(loaded: Loaded, emulator: EmulatorProcess, officialAccount: string, id: string) {
	return await loaded.runNode({
		nodeType: loaded.nodeType,
		typeName: loaded.typeName,
		credentialTypes: loaded.credentialTypes,
		credentials: { tencentChatApi: emulatorCredentials(emulator) },
		parameters: { resource: 'subscriber', operation: 'delete', officialAccount, subscriberIds: '={{ $json.userId }}', options: {} },
		input: [{ userId: id }],
		cancelAfterMs: 30000,
	});
}

async function warmUp(loaded: Loaded, emulator: EmulatorProcess): Promise<number> {
	const officialAccount = '@TOA#_bench_warmup';
	await seed(emulator, officialAccount, 1);
	const started = performance.now();
	const result = await runOneId(loaded, emulator, officialAccount, generatedSubscriberIds(1)[0]);
	if (result.status !== 'success') throw new Error(`warm-up execution ended ${result.status}`);
	await emulator.resetCalls();
	return performance.now() - started;
}

async function runWebhook(loaded: Loaded, emulator: EmulatorProcess, runs: number, latencyMs: number) {
	const officialAccount = '@TOA#_bench_webhook';
	const ids = generatedSubscriberIds(runs + 1);
	await seed(emulator, officialAccount, ids.length);
	const once = async (id: string) => {
		const started = performance.now();
		const result = await runOneId(loaded, emulator, officialAccount, id);
		const wallMs = performance.now() - started;
		return { wallMs, status: result.status, itemStatus: (result.outputs[0]?.[0]?.json as IDataObject | undefined)?.status };
	};
	log(`webhook: 1 warm-up run + ${runs} runs of one item with one ID`);
	const machine = machineLoad();
	await once(ids[runs]); // warm-up: first execution pays for lazy requires and JIT
	await emulator.resetCalls();
	const cpuBefore = process.cpuUsage();
	const samples: Array<{ wallMs: number; status: string; itemStatus: unknown }> = [];
	for (let run = 0; run < runs; run++) samples.push(await once(ids[run]));
	const cpu = process.cpuUsage(cpuBefore);
	const stats = await emulator.callStats();
	const walls = samples.map((sample) => sample.wallMs);
	const added = walls.map((wall) => wall - latencyMs);
	const residences = stats.residencesMs ?? [];
	// What the node and engine add on top of the emulator's own time (latency + handling) per run.
	const clientSide = residences.length === walls.length ? walls.map((wall, index) => wall - residences[index]) : [];
	return {
		case: 'webhook',
		latencyMs,
		runs,
		succeeded: samples.filter((sample) => sample.status === 'success').length,
		itemStatuses: [...new Set(samples.map((sample) => String(sample.itemStatus)))],
		calls: stats.deleteCalls,
		wallMedianMs: round(percentile(walls, 50), 1),
		wallP95Ms: round(percentile(walls, 95), 1),
		addedMedianMs: round(percentile(added, 50), 1),
		addedP95Ms: round(percentile(added, 95), 1),
		addedMinMs: round(Math.min(...added), 1),
		addedMaxMs: round(Math.max(...added), 1),
		emulatorMedianResidenceMs: stats.medianResidenceMs === null ? null : round(stats.medianResidenceMs, 1),
		clientSideMedianMs: clientSide.length ? round(percentile(clientSide, 50), 1) : null,
		clientSideP95Ms: clientSide.length ? round(percentile(clientSide, 95), 1) : null,
		cpuMsPerRun: round((cpu.user + cpu.system) / 1000 / runs, 1),
		rejected60007: stats.rejected60007,
		machine,
	};
}

/** The HTTP cost alone: the same number of calls as bulk, paced below the limit, from a bare node. */
async function runHttpFloor(loaded: Loaded, emulator: EmulatorProcess, calls: number, latencyMs: number, mode: FloorMode) {
	const officialAccount = '@TOA#_bench_floor';
	await seed(emulator, officialAccount, 0);
	await emulator.resetCalls();
	const callsPerSecond = 190;
	const nodeType = httpFloorNode({
		mode,
		calls,
		callsPerSecond,
		baseUrl: emulator.url,
		officialAccount,
		idsPerCall: MAX_IDS_PER_CALL,
		credentialType: loaded.credentialTypes.tencentChatApi,
	});
	log(`httpFloor (${mode}): ${calls} calls at ${callsPerSecond}/s from a bare node`);
	const machine = machineLoad();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await loaded.runNode({
		nodeType,
		typeName: 'bench.httpFloor',
		credentialTypes: loaded.credentialTypes,
		credentials: { tencentChatApi: emulatorCredentials(emulator) },
		parameters: {},
		input: [{}],
		cancelAfterMs: Math.max(60000, Math.round((calls / callsPerSecond) * 4000)),
	});
	const wallS = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	const stats = await emulator.callStats();
	const cpuS = (cpu.user + cpu.system) / 1e6;
	return {
		case: 'httpFloor',
		mode,
		status: result.status,
		latencyMs,
		calls: stats.deleteCalls,
		errors: (result.outputs[0]?.[0]?.json as IDataObject | undefined)?.errors ?? null,
		wallS: round(wallS, 2),
		cpuS: round(cpuS, 2),
		cpuMsPerCall: round((cpuS * 1000) / Math.max(1, stats.deleteCalls), 2),
		rejected60007: stats.rejected60007,
		maxCallsIn1s: stats.maxArrivalsIn1s,
		machine,
	};
}

function parseOptions() {
	return parseArgs({
		options: {
			latency: { type: 'string' },
			subscribers: { type: 'string' },
			perid: { type: 'string' },
			runs: { type: 'string' },
			only: { type: 'string' },
			quick: { type: 'boolean', default: false },
			diagnose: { type: 'boolean', default: false },
			dump: { type: 'string' },
			help: { type: 'boolean', default: false },
		},
	});
}

async function main(): Promise<number> {
	let parsed: ReturnType<typeof parseOptions>;
	try {
		parsed = parseOptions();
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const { values } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const latencyMs = values.latency === undefined ? 100 : Number(values.latency);
	if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new UsageError(`--latency must be a non-negative integer, got ${values.latency}`);
	const bulkSize = positiveInt('subscribers', values.subscribers, values.quick ? 2000 : 100000);
	const perIdSize = positiveInt('perid', values.perid, Math.max(1, Math.round(bulkSize / 10)));
	const runs = positiveInt('runs', values.runs, values.quick ? 5 : 20);
	const only = new Set((values.only ?? 'bulk,perId,webhook').split(',').map((name) => name.trim()));
	const unknown = [...only].filter((name) => !['bulk', 'perId', 'webhook', 'httpFloor'].includes(name));
	if (unknown.length > 0) throw new UsageError(`--only: unknown case(s) ${unknown.join(', ')}`);
	if (values.diagnose) only.add('httpFloor');
	const dumpDir = values.dump === undefined ? undefined : resolve(values.dump);

	const userFolder = useTempN8nUserFolder('tencent-chat-bench-');
	const emulator = await startEmulatorProcess({ latencyMs, rateLimitPerSecond: RATE_LIMIT }, 30000);
	const watchdog = setTimeout(() => {
		log(`gave up after ${GLOBAL_TIMEOUT_MS / 60000} min`);
		process.exit(2); // the 'exit' hook kills the emulator child
	}, GLOBAL_TIMEOUT_MS);
	watchdog.unref();
	let failures = 0;
	try {
		log(`emulator child pid ${emulator.pid} on ${emulator.url}, latency ${latencyMs} ms, limit ${RATE_LIMIT} calls/s`);
		const pkg = await loadCommunityPackage(REPO_ROOT);
		const nodeType = pkg.nodeTypes.tencentChatOfficialAccount;
		if (!nodeType) throw new Error('dist/ has no tencentChatOfficialAccount node; run npm run build');
		const { runNode } = await import('../test/engine/runNode');
		const loaded: Loaded = {
			nodeType,
			typeName: pkg.typeName('tencentChatOfficialAccount'),
			credentialTypes: pkg.credentialTypes,
			runNode,
		};

		// A long-running n8n has made HTTP calls before; the first call in a fresh process pays ~0.5 s for
		// loading n8n's HTTP stack. One warm-up execution keeps that one-off cost out of the cases.
		const warmUpMs = await warmUp(loaded, emulator);
		log(`warm-up execution (one ID, first call in this process): ${Math.round(warmUpMs)} ms`);

		let bulkDeletionsPerS: number | undefined;
		if (only.has('bulk')) {
			const bulk = await runThroughput(loaded, emulator, { name: 'bulk', subscribers: bulkSize, batchSize: 100, idsPerItem: 100 }, latencyMs, dumpDir);
			bulkDeletionsPerS = bulk.deletionsPerS;
			const goals = {
				pctOfCeiling: bulk.pctOfCeiling >= GOAL.pctOfCeiling,
				cpu: bulk.cpuSPer100k < GOAL.cpuSPer100k,
				rss: bulk.rssGrowthMBPer100k < GOAL.rssGrowthMBPer100k,
				noRejections: bulk.rejected60007 === 0,
			};
			if (bulk.status !== 'success' || bulk.remainingAtEmulator !== 0) failures++;
			console.log(JSON.stringify({ ...bulk, goals }));
		}
		if (only.has('perId')) {
			// Same number of IDs per input item as the bulk case; each ID goes in its own call.
			const perId = await runThroughput(loaded, emulator, { name: 'perId', subscribers: perIdSize, batchSize: 1, idsPerItem: 100 }, latencyMs, dumpDir);
			if (perId.status !== 'success' || perId.remainingAtEmulator !== 0) failures++;
			const ratioVsBulk = bulkDeletionsPerS === undefined ? null : round(bulkDeletionsPerS / perId.deletionsPerS, 1);
			console.log(JSON.stringify({ ...perId, ratioVsBulk }));
		}
		if (only.has('webhook')) {
			const webhook = await runWebhook(loaded, emulator, runs, latencyMs);
			if (webhook.succeeded !== runs) failures++;
			console.log(JSON.stringify(webhook));
		}
		if (only.has('httpFloor')) {
			const calls = Math.ceil(bulkSize / MAX_IDS_PER_CALL);
			for (const mode of ['httpRequestWithAuthentication', 'rawHttpKeepAlive'] as const) {
				console.log(JSON.stringify(await runHttpFloor(loaded, emulator, calls, latencyMs, mode)));
			}
		}
	} finally {
		clearTimeout(watchdog);
		await emulator.stop();
		userFolder.cleanup();
	}
	return failures === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof UsageError) {
			log(error.message);
			process.stderr.write(`${USAGE}\n`);
			process.exit(2);
		}
		log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	},
);
