// npm run simulate [-- --processes 1,2,4,8 --subscribers 40000 --latency 100 --cpu-load N --max-rps N --runs N --jobs N]
//
// Many n8n workers sharing one SDKAppID: for each K, K separate OS processes (scripts/lib/simulatedWorker.ts)
// each run one real n8n-core execution of Subscriber → Delete (the node loaded from dist/) of their own
// N subscribers, all started at the same moment, against ONE emulator in its own process (reply latency,
// 200 calls/s per SDKAppID enforced). With --jobs N each process runs N such executions one after another
// (all K start each job together), as long-lived queue-mode workers do; each job is reported on its own.
// Prints per K (and job): total deletions/s against the 20 000/s ceiling, throttled calls as a share of
// all calls, the most calls in any 1 s window at the emulator, and whether every subscriber was deleted
// exactly once. Goals (issue 11): ≥ 85 % of the ceiling, ≤ 5 % throttled.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_APP } from '../test/emulator';
import { maxArrivalsInWindow } from '../test/emulator/callLog';
import { startEmulatorProcess, type EmulatorProcess } from '../test/emulator/process';
import type { WorkerJob, WorkerResult } from './lib/simulatedWorker';
import { formatTable } from './lib/table';

const RATE_LIMIT = 200;
const MAX_IDS_PER_CALL = 100;
const CEILING_DELETIONS_PER_S = RATE_LIMIT * MAX_IDS_PER_CALL;
const GOAL = { pctOfCeiling: 85, throttledPct: 5 };
const WORKER_NICENESS = 5;
/** Between two jobs: longer than a rate window, so each job starts as a new run does. */
const JOB_GAP_MS = 2000;

const USAGE = `Usage: npm run simulate -- [--processes 1,2,4,8] [--subscribers N] [--latency MS] [--cpu-load N] [--max-rps N] [--runs N] [--jobs N]
  --processes LIST  values of K (default 1,2,4,8)
  --subscribers N   subscribers per process (default 40000)
  --latency MS      emulator reply latency (default 100)
  --cpu-load N      also run N busy-looping processes during each run (a loaded machine)
  --max-rps N       set Max Requests per Second on every node (the planned 200/W share) instead of the default
  --runs N          runs per K (default 1)
  --jobs N          executions per process in each run, one after another, all processes together (default 1)
  --dump DIR        write each run's call log (arrival, reply, outcome, IDs) to DIR/k<K>-run<N>[-job<J>].json`;

function log(message: string): void {
	process.stderr.write(`[simulate] ${message}\n`);
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const epochMs = () => performance.timeOrigin + performance.now();

interface Worker {
	child: ChildProcess;
	ready: Promise<void>;
	/** The result of the worker's next job (one per "go"). */
	nextResult(): Promise<WorkerResult>;
}

function startWorker(job: WorkerJob): Worker {
	const child = fork(join(__dirname, 'lib', 'simulatedWorker.ts'), [JSON.stringify(job)], {
		execArgv: ['--require', require.resolve('tsx/cjs')],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let markReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => (markReady = resolve));
	const results: WorkerResult[] = [];
	const waiting: Array<{ resolve: (result: WorkerResult) => void; reject: (error: Error) => void }> = [];
	let exited: Error | undefined;
	let markExited: (error: Error) => void = () => undefined;
	const exitedEarly = new Promise<never>((_resolve, reject) => (markExited = reject));
	// Nobody waits on it once the worker is ready; keep that rejection from going unhandled.
	exitedEarly.catch(() => undefined);
	child.on('message', (message: { op: string; result?: WorkerResult }) => {
		if (message.op === 'ready') markReady();
		if (message.op !== 'done' || !message.result) return;
		const waiter = waiting.shift();
		if (waiter) waiter.resolve(message.result);
		else results.push(message.result);
	});
	child.on('exit', (code) => {
		exited = new Error(`worker ${child.pid} exited with code ${code} before reporting`);
		for (const waiter of waiting.splice(0)) waiter.reject(exited);
		markExited(exited);
	});
	lowerPriority(child);
	const nextResult = async (): Promise<WorkerResult> => {
		const result = results.shift();
		if (result) return result;
		if (exited) throw exited;
		return await new Promise<WorkerResult>((resolve, reject) => waiting.push({ resolve, reject }));
	};
	return { child, ready: Promise.race([ready, exitedEarly]), nextResult };
}

/**
 * Tencent's servers do not share n8n's CPU; the emulator here does. Workers (and the load) run at a lower
 * priority so that the emulator stamps and answers calls on time, and what is measured is the node.
 */
function lowerPriority(child: ChildProcess): void {
	if (child.pid !== undefined) setPriority(child.pid, WORKER_NICENESS);
}

/** Busy loops that keep the cores loaded, as other work on a shared n8n host would. */
function startCpuLoad(count: number): ChildProcess[] {
	return Array.from({ length: count }, () => {
		const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
		lowerPriority(child);
		return child;
	});
}

async function runOnce(k: number, subscribers: number, latencyMs: number, cpuLoad: number, nodeOptions: IDataObject, jobs: number, dumpFile?: (job: number) => string) {
	const emulator: EmulatorProcess = await startEmulatorProcess({ latencyMs, rateLimitPerSecond: RATE_LIMIT }, 30000);
	const load: ChildProcess[] = [];
	const workers: Worker[] = [];
	const addSubscribers = async () => {
		for (let process = 0; process < k; process++) {
			await emulator.addAccount({
				sdkAppId: DEFAULT_APP.sdkAppId,
				officialAccount: `@TOA#_sim_${process}`,
				subscribers: { generate: subscribers, offset: process * subscribers },
			});
		}
	};
	try {
		await addSubscribers();
		await emulator.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: '@TOA#_sim_warmup', subscribers: { generate: k, offset: 90_000_000 } });
		for (let process = 0; process < k; process++) {
			workers.push(
				startWorker({
					emulatorUrl: emulator.url,
					officialAccount: `@TOA#_sim_${process}`,
					count: subscribers,
					offset: process * subscribers,
					warmUpAccount: '@TOA#_sim_warmup',
					warmUpId: `s${String(90_000_000 + process).padStart(7, '0')}`,
					options: nodeOptions,
					jobs,
				}),
			);
		}
		await Promise.all(workers.map(async (worker) => await worker.ready));
		// Each process's limiter counts only its own calls, so let the warm-up calls leave every window first.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const rows: Array<Awaited<ReturnType<typeof measureJob>>> = [];
		for (let job = 1; job <= jobs; job++) {
			if (job > 1) {
				await addSubscribers();
				await new Promise((resolve) => setTimeout(resolve, JOB_GAP_MS));
			}
			await emulator.resetCalls();
			load.push(...startCpuLoad(cpuLoad));
			const machine = { cpus: cpus().length, loadAvg1m: round(loadavg()[0], 2), cpuLoadProcesses: cpuLoad };
			const goAtMs = epochMs();
			for (const worker of workers) worker.child.send({ op: 'go' });
			const results = await Promise.all(workers.map(async (worker) => await worker.nextResult()));
			for (const child of load.splice(0)) child.kill('SIGKILL');
			rows.push(await measureJob(emulator, k, subscribers, latencyMs, job, goAtMs, results, machine, dumpFile?.(job)));
		}
		return rows;
	} finally {
		for (const child of load) child.kill('SIGKILL');
		for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
		await emulator.stop();
	}
}

/** What one job of K workers did, from the emulator's call log and the workers' items. */
async function measureJob(
	emulator: EmulatorProcess,
	k: number,
	subscribers: number,
	latencyMs: number,
	job: number,
	goAtMs: number,
	results: WorkerResult[],
	machine: IDataObject,
	dumpFile?: string,
) {
	const stats = await emulator.callStats();
	const timeline = await emulator.callTimeline();
	if (dumpFile) writeFileSync(dumpFile, JSON.stringify({ goAtMs, results, calls: timeline }));
	let remaining = 0;
	for (let process = 0; process < k; process++) remaining += await emulator.subscriberCount(DEFAULT_APP.sdkAppId, `@TOA#_sim_${process}`);
	const deleteCalls = timeline.filter((entry) => entry[3] > 0);
	const throttled = deleteCalls.filter((entry) => entry[2] === '60007').length;
	// Every ID in exactly one call that Tencent accepted: no retry of a call that had already deleted.
	const idsInAcceptedCalls = deleteCalls.filter((entry) => entry[2] === 'ok').reduce((sum, entry) => sum + entry[3], 0);
	const deletedItems = results.reduce((sum, result) => sum + (result.statuses.deleted ?? 0), 0);
	const total = k * subscribers;
	const wallS = (Math.max(...results.map((result) => result.endedAtMs)) - goAtMs) / 1000;
	const deletionsPerS = deletedItems / wallS;
	const firstArrival = Math.min(...deleteCalls.map((entry) => entry[0]));
	const lastReply = Math.max(...deleteCalls.map((entry) => entry[1] ?? entry[0]));
	const exactlyOnce = remaining === 0 && deletedItems === total && idsInAcceptedCalls === total;
	return {
		k,
		job,
		subscribersPerProcess: subscribers,
		latencyMs,
		statuses: results.map((result) => result.status),
		errors: results.map((result) => result.error).filter((error) => error !== undefined),
		wallS: round(wallS, 2),
		perProcessWallS: results.map((result) => round((result.endedAtMs - result.startedAtMs) / 1000, 2)),
		deletionsPerS: round(deletionsPerS, 0),
		pctOfCeiling: round((deletionsPerS / CEILING_DELETIONS_PER_S) * 100, 1),
		// From the first call reaching the emulator to the last reply: the executions' start-up left out.
		sendPhasePctOfCeiling: round((deletedItems / ((lastReply - firstArrival) / 1000) / CEILING_DELETIONS_PER_S) * 100, 1),
		calls: deleteCalls.length,
		throttledCalls: throttled,
		throttledPct: round((throttled / Math.max(1, deleteCalls.length)) * 100, 1),
		maxCallsIn1s: stats.maxArrivalsIn1s,
		maxAdmittedIn1s: maxArrivalsInWindow(
			deleteCalls.filter((entry) => entry[2] !== '60007').map((entry) => entry[0]),
			1000,
		),
		deletedItems,
		idsInAcceptedCalls,
		remainingAtEmulator: remaining,
		exactlyOnce,
		cpuSPerProcess: results.map((result) => round(result.cpuS, 2)),
		machine,
	};
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
	return Number(text);
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			processes: { type: 'string' },
			subscribers: { type: 'string' },
			latency: { type: 'string' },
			'cpu-load': { type: 'string' },
			'max-rps': { type: 'string' },
			runs: { type: 'string' },
			jobs: { type: 'string' },
			dump: { type: 'string' },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const ks = (values.processes ?? '1,2,4,8').split(',').map((text) => positiveInt('processes', text.trim(), 1));
	const subscribers = positiveInt('subscribers', values.subscribers, 40000);
	const latencyMs = positiveInt('latency', values.latency, 100);
	const cpuLoad = positiveInt('cpu-load', values['cpu-load'], 0);
	const runs = positiveInt('runs', values.runs, 1);
	const jobs = Math.max(1, positiveInt('jobs', values.jobs, 1));
	const nodeOptions: IDataObject = { batchSize: MAX_IDS_PER_CALL };
	if (values['max-rps'] !== undefined) nodeOptions.maxRequestsPerSecond = positiveInt('max-rps', values['max-rps'], RATE_LIMIT);

	const dumpDir = values.dump === undefined ? undefined : resolve(values.dump);
	if (dumpDir) mkdirSync(dumpDir, { recursive: true });
	const rows: Array<Awaited<ReturnType<typeof runOnce>>[number]> = [];
	for (const k of ks) {
		for (let run = 1; run <= runs; run++) {
			log(`K = ${k}, run ${run}/${runs}: ${k} process(es) × ${subscribers} subscribers × ${jobs} job(s), latency ${latencyMs} ms, cpu load ${cpuLoad}`);
			const dumpFile = dumpDir === undefined ? undefined : (job: number) => join(dumpDir, `k${k}-run${run}${jobs > 1 ? `-job${job}` : ''}.json`);
			for (const row of await runOnce(k, subscribers, latencyMs, cpuLoad, nodeOptions, jobs, dumpFile)) {
				console.log(JSON.stringify(row));
				rows.push(row);
			}
		}
	}
	const meets = (row: (typeof rows)[number]) =>
		row.pctOfCeiling >= GOAL.pctOfCeiling && row.throttledPct <= GOAL.throttledPct && row.exactlyOnce && row.statuses.every((s) => s === 'success');
	process.stderr.write(
		`\n${formatTable(
			['K', 'job', 'deletions/s', '% of 20 000/s', 'send phase', 'throttled', 'max calls in 1 s', 'exactly once', 'goals'],
			rows.map((row) => [
				row.k,
				row.job,
				row.deletionsPerS,
				`${row.pctOfCeiling} %`,
				`${row.sendPhasePctOfCeiling} %`,
				`${row.throttledPct} % (${row.throttledCalls}/${row.calls})`,
				row.maxCallsIn1s,
				row.exactlyOnce ? 'yes' : 'NO',
				meets(row) ? 'met' : 'MISSED',
			]),
		)}\n`,
	);
	return rows.every(meets) ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.stderr.write(`${USAGE}\n`);
		process.exit(2);
	},
);
