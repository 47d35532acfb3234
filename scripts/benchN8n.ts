// npm run bench [-- --quick --only CASES --profile CASES --runs N --keep]
//
// The benchmark where users run the node: a real n8n (the pinned version npm run test:e2e installs, its
// default `vm` expression engine), our package packed and installed as a community package, workflows
// run with `n8n execute`, against the Tencent Chat emulator in its own process (100 ms latency, 200 calls/s
// per SDKAppID enforced), over plain HTTP and over HTTPS (a local CA the n8n process trusts through
// NODE_EXTRA_CA_CERTS). The same run measures the ways to do it without our node (HTTP Request node, signed
// by a Code node or by our credential as a Predefined Credential Type).
// Prints one JSON line per case on stdout, with figures and goal flags (progress goes to stderr).
//
// Node time is the node's executionTime in the run data. CPU is the n8n main process's user+system time
// from /proc, sampled every 20 ms and interpolated to the node's window [startTime, startTime +
// executionTime] (Code nodes run in the task runner, another process, and are not counted); per call =
// that CPU / delete calls at the emulator. RSS growth = peak RSS in the window minus RSS at its start.
// The quick in-process loop (n8n-core on the system Node, legacy expression engine) is npm run bench:engine.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { IRun, ITaskData } from 'n8n-workflow';

import { DEFAULT_APP } from '../test/emulator';
import { startEmulatorProcess, type CallStats, type EmulatorProcess } from '../test/emulator/process';
import * as wf from './lib/benchWorkflows';
import { summarizeCpuProfile } from './lib/cpuProfile';
import { makeLocalCa } from './lib/localCa';
import { N8nCli, type ExecuteResult } from './lib/n8nCli';

const REPO_ROOT = resolve(__dirname, '..');
const LATENCY_MS = 100;
const RATE_LIMIT = 200;
const IDS_PER_CALL = 100;
const CEILING_DELETIONS_PER_S = RATE_LIMIT * IDS_PER_CALL;
const ADMIN = DEFAULT_APP.admins[0];
const GOAL = {
	bulkPctOfCeiling: 95,
	inputFieldPctOfCeiling: 90,
	httpsPctOfCeiling: 85,
	vsHttpRequestPerId: 100,
	vsChunkedHttpRequest: 1.15,
	webhookAddedMedianMs: 5,
	rssGrowthMBPer100k: 200,
	maxCallsIn1s: RATE_LIMIT,
	/** Sync within this factor of its floor: every page one round trip (the cursor is sequential), the writes at the rate. */
	syncOverFloor: 1.2,
};
/** The Sync case: current subscribers, wanted IDs, and how many of each side differ (added and removed). */
const SYNC_SIZE = { current: 20000, wanted: 20000, changed: 1000, pageSize: 200 };

const CASES = ['bulk', 'inputField', 'defineBelow', 'inputField10k', 'httpRequestPerId', 'httpRequestCredential', 'chunkedHttpRequest', 'bulkHttps', 'webhook', 'webhookHttps', 'sync'] as const;
type CaseName = (typeof CASES)[number];

const USAGE = `Usage: npm run bench -- [--quick] [--only CASES] [--profile CASES] [--runs N] [--keep]
  --quick          sizes / 10 (webhook 6 runs): a smoke run of the harness
  --only CASES     comma-separated subset of ${CASES.join(',')}
  --runs N         measure every case N times in a row (default 1); each JSON line carries its "run"
  --profile CASES  run these cases with node --cpu-prof on the n8n process and print where the node's time went
  --keep           keep the work folder (n8n stdout, workflows, profiles)`;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};
const machine = () => ({ cpus: cpus().length, loadAvg1m: round(loadavg()[0], 2) });

interface Setup {
	n8n: N8nCli;
	http: EmulatorProcess;
	https: EmulatorProcess;
	credentials: { http: wf.Credential; https: wf.Credential };
	profile: Set<string>;
	inputFieldMode: boolean;
}

function taskRuns(run: IRun | undefined, nodeName: string): ITaskData[] {
	return run?.data.resultData.runData?.[nodeName] ?? [];
}

/** Emulator-side facts every case reports, and the goals every case shares. */
async function emulatorFacts(emulator: EmulatorProcess, officialAccount: string, subscribers: number) {
	const stats: CallStats = await emulator.callStats();
	const remaining = await emulator.subscriberCount(DEFAULT_APP.sdkAppId, officialAccount);
	return {
		stats,
		facts: {
			calls: stats.deleteCalls,
			idsSent: stats.idsSent,
			idsRemoved: stats.idsRemoved,
			idsSentAgain: stats.idsSent - stats.distinctIdsSent,
			remainingAtEmulator: remaining,
			rejected60007: stats.rejected60007,
			maxCallsIn1s: stats.maxArrivalsIn1s,
		},
		everyCaseGoals: {
			noThrottled: stats.rejected60007 === 0,
			atMost200CallsIn1s: stats.maxArrivalsIn1s <= GOAL.maxCallsIn1s,
			// Every subscriber removed, none left; an ID sent again after a throttled or failed call still counts once.
			eachDeletedOnce: stats.idsRemoved === subscribers && remaining === 0 && stats.distinctIdsSent === subscribers,
		},
	};
}

async function execute(setup: Setup, name: string, workflowId: string, timeoutMs: number): Promise<ExecuteResult & { profileDir?: string }> {
	const profileDir = setup.profile.has(name) ? join(setup.n8n.work, 'profiles', name) : undefined;
	if (profileDir) mkdirSync(profileDir, { recursive: true });
	log(`${name}: n8n execute --id=${workflowId}${profileDir ? ' (with --cpu-prof)' : ''}`);
	const result = await setup.n8n.execute(workflowId, name, { timeoutMs, nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
	if (!result.run) log(`${name}: no run data (exit ${result.exitCode}); stderr: ${result.stderrTail.slice(-800)}`);
	return { ...result, profileDir };
}

/** Where the n8n process's CPU went between fromEpochMs and toEpochMs (the node's run), from its --cpu-prof file. */
function profileOf(profileDir: string | undefined, fromEpochMs: number, toEpochMs: number) {
	if (!profileDir) return undefined;
	const file = readdirSync(profileDir).find((entry) => entry.endsWith('.cpuprofile'));
	return file ? summarizeCpuProfile(join(profileDir, file), { fromEpochMs, toEpochMs }) : undefined;
}

/** Node time, CPU and memory over the window from the first to the last of `nodes` (they run one after another). */
function windowOf(result: ExecuteResult, nodes: string[]) {
	const tasks = nodes.map((nodeName) => taskRuns(result.run, nodeName)[0]);
	if (tasks.some((task) => task === undefined)) return undefined;
	const from = tasks[0].startTime;
	const to = tasks.at(-1)!.startTime + tasks.at(-1)!.executionTime;
	const nodeTimeMs = tasks.reduce((sum, task) => sum + task.executionTime, 0);
	const usage = result.sampler.usageBetween(from, to);
	const error = tasks.find((task) => task.error)?.error?.message;
	return { from, to, nodeTimeMs, usage, error, tasks };
}

/**
 * Where the node time went: before the first call reached the emulator (reading items, planning), the
 * send phase (first arrival to last arrival: what the rate limiter achieves), and after the last reply
 * (output items). Emulator times and run-data times are both epoch ms on this machine.
 */
function phases(stats: CallStats, window: ReturnType<typeof windowOf>) {
	if (!window || stats.firstArrivalMs === null || stats.lastArrivalMs === null || stats.lastReplyMs === null) return {};
	const start = window.tasks[0].startTime;
	const end = window.tasks.at(-1)!.startTime + window.tasks.at(-1)!.executionTime;
	const sendSpanS = (stats.lastArrivalMs - stats.firstArrivalMs) / 1000;
	return {
		beforeFirstCallMs: round(stats.firstArrivalMs - start, 0),
		sendPhaseS: round(sendSpanS, 2),
		sendPhaseCallsPerS: sendSpanS > 0 ? round((stats.deleteCalls - 1) / sendSpanS, 1) : null,
		afterLastReplyMs: round(end - stats.lastReplyMs, 0),
	};
}

interface ThroughputSpec {
	name: CaseName;
	workflow: wf.BenchWorkflow;
	officialAccount: string;
	subscribers: number;
	inputItems: number;
	emulator: EmulatorProcess;
	nodes: string[];
	transport: 'http' | 'https';
}

async function runThroughput(setup: Setup, spec: ThroughputSpec) {
	await spec.emulator.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: spec.officialAccount, subscribers: { generate: spec.subscribers } });
	await spec.emulator.resetCalls();
	const load = machine();
	const result = await execute(setup, spec.name, spec.workflow.id, 15 * 60 * 1000);
	const window = windowOf(result, spec.nodes);
	const { stats, facts, everyCaseGoals } = await emulatorFacts(spec.emulator, spec.officialAccount, spec.subscribers);
	const nodeTimeS = (window?.nodeTimeMs ?? NaN) / 1000;
	const deletionsPerS = stats.idsRemoved / nodeTimeS;
	const cpuMs = window?.usage.cpuMs ?? NaN;
	const per100k = 100000 / spec.subscribers;
	const rssGrowth = window ? window.usage.rssPeakBytes - window.usage.rssAtStartBytes : NaN;
	const ours = spec.nodes.includes(wf.OUR_NODE) ? window?.tasks.at(-1) : undefined;
	const statuses: Record<string, number> = {};
	for (const output of ours?.data?.main ?? []) {
		for (const item of output ?? []) {
			const status = String((item.json as { status?: unknown }).status ?? ('error' in item.json ? 'errorItem' : 'none'));
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	}
	const [fixedProbe, expressionProbe] = [wf.PROBE_FIXED_NODE, wf.PROBE_EXPRESSION_NODE].map((nodeName) => taskRuns(result.run, nodeName)[0]);
	const probe =
		fixedProbe && expressionProbe
			? {
					fixedValueMsPerItem: round(fixedProbe.executionTime / spec.inputItems, 3),
					expressionMsPerItem: round(expressionProbe.executionTime / spec.inputItems, 3),
					// Edit Fields with {{ $json.userId }} minus Edit Fields with a fixed value: one expression, measured.
					oneExpressionMs: round((expressionProbe.executionTime - fixedProbe.executionTime) / spec.inputItems, 3),
				}
			: undefined;
	return {
		case: spec.name,
		transport: spec.transport,
		exitCode: result.exitCode,
		executionStatus: result.run?.status ?? null,
		...(window?.error ? { error: window.error } : {}),
		latencyMs: LATENCY_MS,
		subscribers: spec.subscribers,
		inputItems: spec.inputItems,
		...(ours ? { outputStatuses: statuses } : {}),
		nodeTimeS: round(nodeTimeS, 2),
		...(window && window.tasks.length > 1 ? { nodeTimesS: Object.fromEntries(spec.nodes.map((nodeName, index) => [nodeName, round(window.tasks[index].executionTime / 1000, 2)])) } : {}),
		deletionsPerS: round(deletionsPerS, 0),
		pctOfCeiling: round((deletionsPerS / CEILING_DELETIONS_PER_S) * 100, 1),
		msPerItem: round((nodeTimeS * 1000) / spec.inputItems, 3),
		...facts,
		...phases(stats, window),
		cpuS: round(cpuMs / 1000, 2),
		cpuMsPerCall: facts.calls ? round(cpuMs / facts.calls, 2) : null,
		cpuMsPerItem: round(cpuMs / spec.inputItems, 3),
		rssAtStartMB: mb(window?.usage.rssAtStartBytes ?? NaN),
		rssGrowthMB: mb(rssGrowth),
		rssGrowthMBPer100k: mb(rssGrowth * per100k),
		procSamples: window?.usage.samples ?? 0,
		machine: load,
		everyCaseGoals,
		...(probe ? { expressionProbe: probe as Record<string, unknown> & typeof probe } : {}),
		...(result.profileDir && window
			? { profiled: true, profile: profileOf(result.profileDir, window.from, window.to) }
			: {}),
		window,
	};
}

async function runWebhook(setup: Setup, name: CaseName, workflow: wf.BenchWorkflow, emulator: EmulatorProcess, officialAccount: string, runs: number) {
	await emulator.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount, subscribers: { generate: runs } });
	await emulator.resetCalls();
	const load = machine();
	const result = await execute(setup, name, workflow.id, 5 * 60 * 1000);
	const tasks = taskRuns(result.run, wf.OUR_NODE);
	const { stats, facts, everyCaseGoals } = await emulatorFacts(emulator, officialAccount, runs);
	// The first run is a warm-up: a fresh `n8n execute` process loads n8n's HTTP stack on its first call,
	// which a long-running n8n serving webhooks has done long before.
	const measured = tasks.slice(1);
	const residences = (stats.residencesMs ?? []).slice(1);
	const added = measured.map((task) => task.executionTime - LATENCY_MS);
	const overEmulator = residences.length === measured.length ? measured.map((task, index) => task.executionTime - residences[index]) : [];
	const cpu = measured.map((task) => result.sampler.usageBetween(task.startTime, task.startTime + task.executionTime).cpuMs);
	const addedMedianMs = round(median(added), 1);
	return {
		case: name,
		transport: name === 'webhookHttps' ? 'https' : 'http',
		exitCode: result.exitCode,
		executionStatus: result.run?.status ?? null,
		latencyMs: LATENCY_MS,
		runs: measured.length,
		warmUpRunMs: tasks[0]?.executionTime ?? null,
		nodeTimeMedianMs: round(median(measured.map((task) => task.executionTime)), 1),
		addedMedianMs,
		addedMaxMs: round(Math.max(...added), 1),
		addedOverEmulatorResidenceMedianMs: overEmulator.length ? round(median(overEmulator), 1) : null,
		emulatorMedianResidenceMs: stats.medianResidenceMs === null ? null : round(stats.medianResidenceMs, 1),
		// Summed over the runs: one run's CPU is below the kernel's 10 ms accounting step.
		cpuMsPerCall: round(cpu.reduce((sum, ms) => sum + ms, 0) / Math.max(1, cpu.length), 2),
		...facts,
		machine: load,
		goals: { addedUnder5ms: addedMedianMs < GOAL.webhookAddedMedianMs },
		everyCaseGoals,
		...(result.profileDir && measured.length
			? { profiled: true, profile: profileOf(result.profileDir, measured[0].startTime, measured.at(-1)!.startTime + measured.at(-1)!.executionTime) }
			: {}),
	};
}

/**
 * Subscriber → Sync: `current` subscribers s0000000…, wanted the same number shifted by `changed`, so the sync
 * reads every page (one round trip each), then adds `changed` and removes `changed` in batches of 100.
 */
async function runSyncCase(setup: Setup, workflow: wf.BenchWorkflow, officialAccount: string, size: typeof SYNC_SIZE) {
	await setup.http.addAccount({ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount, subscribers: { generate: size.current } });
	await setup.http.resetCalls();
	const load = machine();
	const result = await execute(setup, 'sync', workflow.id, 15 * 60 * 1000);
	const window = windowOf(result, [wf.SYNC_NODE]);
	const stats = await setup.http.callStats();
	const remaining = await setup.http.subscriberCount(DEFAULT_APP.sdkAppId, officialAccount);
	const pages = Math.ceil(size.current / size.pageSize);
	const writeCalls = 2 * Math.ceil(size.changed / IDS_PER_CALL);
	const floorS = (pages * LATENCY_MS) / 1000 + writeCalls / RATE_LIMIT;
	const nodeTimeS = (window?.nodeTimeMs ?? NaN) / 1000;
	const summary = window?.tasks[0]?.data?.main?.[0]?.[0]?.json;
	const eachChangeOnce =
		stats.idsAdded === size.changed &&
		stats.addIdsSent === size.changed &&
		stats.distinctAddIdsSent === size.changed &&
		stats.idsRemoved === size.changed &&
		stats.idsSent === size.changed &&
		stats.distinctIdsSent === size.changed &&
		remaining === size.wanted;
	return {
		case: 'sync',
		transport: 'http',
		exitCode: result.exitCode,
		executionStatus: result.run?.status ?? null,
		...(window?.error ? { error: window.error } : {}),
		latencyMs: LATENCY_MS,
		current: size.current,
		wanted: size.wanted,
		toAdd: size.changed,
		toRemove: size.changed,
		nodeTimeS: round(nodeTimeS, 2),
		floorS: round(floorS, 2),
		goalS: round(floorS * GOAL.syncOverFloor, 2),
		overFloor: round(nodeTimeS / floorS, 2),
		pageCalls: stats.pageCalls,
		addCalls: stats.addCalls,
		deleteCalls: stats.deleteCalls,
		idsAdded: stats.idsAdded,
		idsRemoved: stats.idsRemoved,
		remainingAtEmulator: remaining,
		rejected60007: stats.rejected60007,
		maxCallsIn1s: stats.maxArrivalsIn1s,
		cpuS: round((window?.usage.cpuMs ?? NaN) / 1000, 2),
		summary,
		machine: load,
		goals: { within1_2xFloor: nodeTimeS <= floorS * GOAL.syncOverFloor },
		everyCaseGoals: { noThrottled: stats.rejected60007 === 0, atMost200CallsIn1s: stats.maxArrivalsIn1s <= GOAL.maxCallsIn1s, eachChangeOnce },
		...(result.profileDir && window ? { profiled: true, profile: profileOf(result.profileDir, window.from, window.to) } : {}),
	};
}

function parseOptions() {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			only: { type: 'string' },
			profile: { type: 'string' },
			runs: { type: 'string' },
			keep: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	const list = (text: string | undefined, fallback: readonly string[]) => {
		const names = (text ?? fallback.join(',')).split(',').map((entry) => entry.trim()).filter(Boolean);
		const unknown = names.filter((entry) => !(CASES as readonly string[]).includes(entry));
		if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(', ')}\n${USAGE}`);
		return new Set(names);
	};
	const runs = values.runs === undefined ? 1 : Number(values.runs);
	if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${JSON.stringify(values.runs)}\n${USAGE}`);
	return { ...values, only: list(values.only, CASES), profile: list(values.profile, []), runs };
}

function builtNodeHasInputField(): boolean {
	const dir = join(REPO_ROOT, 'dist/nodes/TencentChatOfficialAccount');
	const walk = (path: string): string[] =>
		readdirSync(path, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(path, entry.name)) : entry.name.endsWith('.js') ? [join(path, entry.name)] : []));
	return walk(dir).some((file) => readFileSync(file, 'utf8').includes("'subscriberIdsFrom'") || readFileSync(file, 'utf8').includes('"subscriberIdsFrom"'));
}

async function main(): Promise<number> {
	const options = parseOptions();
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const scale = options.quick ? 10 : 1;
	const size = { big: 100000 / scale, perId: 10000 / scale, webhookRuns: options.quick ? 6 : 21 };
	const work = mkdtempSync(join(tmpdir(), 'tencent-chat-bench-'));
	const ca = makeLocalCa(join(work, 'ca'));
	const emulatorOptions = { latencyMs: LATENCY_MS, rateLimitPerSecond: RATE_LIMIT };
	const http = await startEmulatorProcess(emulatorOptions, 30000);
	const https = await startEmulatorProcess({ ...emulatorOptions, tls: { key: ca.serverKey, cert: ca.serverCert } }, 30000);
	let failures = 0;
	try {
		log(`work folder ${work}; emulators ${http.url} and ${https.url} (latency ${LATENCY_MS} ms, ${RATE_LIMIT} calls/s)`);
		const n8n = await N8nCli.create(work, { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto,zlib', NODE_EXTRA_CA_CERTS: ca.caCertFile });
		const credentials = { http: { id: 'benchEmulatorHttp', name: 'Emulator (HTTP)' }, https: { id: 'benchEmulatorHttps', name: 'Emulator (HTTPS)' } };
		const credentialData = (credential: wf.Credential, baseUrl: string) => ({
			...credential,
			type: 'tencentChatApi',
			data: { sdkAppId: DEFAULT_APP.sdkAppId, region: 'custom', baseUrl, secretKey: DEFAULT_APP.secretKey, adminIdentifier: ADMIN, userSigValiditySeconds: 86400 },
		});
		writeFileSync(join(work, 'credentials.json'), JSON.stringify([credentialData(credentials.http, http.url), credentialData(credentials.https, https.url)]));
		n8n.command(['import:credentials', `--input=${join(work, 'credentials.json')}`]);
		const setup: Setup = { n8n, http, https, credentials, profile: options.profile, inputFieldMode: builtNodeHasInputField() };
		log(`n8n ${n8n.version}; the built node ${setup.inputFieldMode ? 'has' : 'does NOT have'} Subscriber IDs From = Input Field`);

		const api = (emulator: EmulatorProcess): wf.Api => ({ baseUrl: emulator.url, sdkAppId: DEFAULT_APP.sdkAppId, secretKey: DEFAULT_APP.secretKey, admin: ADMIN });
		const account = (name: string) => `@TOA#_bench_${name}`;
		const needsInputField = new Set<CaseName>(['inputField', 'inputField10k']);
		const specs: ThroughputSpec[] = [];
		const add = (name: CaseName, workflow: wf.BenchWorkflow, subscribers: number, inputItems: number, nodes: string[], transport: 'http' | 'https' = 'http') =>
			specs.push({ name, workflow, officialAccount: account(name), subscribers, inputItems, emulator: transport === 'http' ? http : https, nodes, transport });
		const ours = (name: CaseName, subscribers: number, idsPerItem: number, source: wf.SubscriberIdsSource, transport: 'http' | 'https' = 'http', expressionProbe = false) =>
			add(name, wf.ourWorkflow({ id: `bench${name}`.slice(0, 21), officialAccount: account(name), subscribers, idsPerItem, source, credential: credentials[transport], expressionProbe }), subscribers, subscribers / idsPerItem, [wf.OUR_NODE], transport);
		ours('bulk', size.big, IDS_PER_CALL, { from: 'defineBelow', expression: '={{ $json.ids }}' });
		ours('inputField', size.big, 1, { from: 'inputField', field: 'userId' });
		ours('inputField10k', size.perId, 1, { from: 'inputField', field: 'userId' });
		ours('defineBelow', size.perId, 1, { from: 'defineBelow', expression: '={{ $json.userId }}' }, 'http', true);
		add('httpRequestPerId', wf.httpRequestPerIdWorkflow('benchhttpRequestPerId', api(http), account('httpRequestPerId'), size.perId), size.perId, size.perId, [wf.SIGN_NODE, wf.HTTP_NODE]);
		add('httpRequestCredential', wf.httpRequestCredentialWorkflow('benchhttpRequestCred', http.url, account('httpRequestCredential'), size.perId, credentials.http), size.perId, size.perId, [wf.HTTP_NODE]);
		add('chunkedHttpRequest', wf.httpRequestChunkedWorkflow('benchchunkedHttpReq', api(http), account('chunkedHttpRequest'), size.big, IDS_PER_CALL), size.big, size.big, [wf.SIGN_NODE, wf.HTTP_NODE]);
		ours('bulkHttps', size.big, IDS_PER_CALL, { from: 'defineBelow', expression: '={{ $json.ids }}' }, 'https');
		const webhooks = {
			webhook: wf.webhookLoopWorkflow('benchwebhook', account('webhook'), size.webhookRuns, credentials.http),
			webhookHttps: wf.webhookLoopWorkflow('benchwebhookHttps', account('webhookHttps'), size.webhookRuns, credentials.https),
		};
		const syncSize = { ...SYNC_SIZE, current: SYNC_SIZE.current / scale, wanted: SYNC_SIZE.wanted / scale, changed: SYNC_SIZE.changed / scale };
		const syncBench = wf.syncWorkflow('benchsync', account('sync'), syncSize.wanted, syncSize.changed, credentials.http);
		const selected = specs.filter((spec) => options.only.has(spec.name) && (setup.inputFieldMode || !needsInputField.has(spec.name)));
		for (const skipped of specs.filter((spec) => options.only.has(spec.name) && !selected.includes(spec)))
			console.log(JSON.stringify({ case: skipped.name, skipped: 'the built node has no Subscriber IDs From = Input Field (merge main and rebuild)' }));
		const workflowDir = join(work, 'workflows');
		mkdirSync(workflowDir, { recursive: true });
		for (const workflow of [...selected.map((spec) => spec.workflow), ...Object.values(webhooks), syncBench]) writeFileSync(join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow));
		n8n.command(['import:workflow', '--separate', `--input=${workflowDir}`]);

		// Each run re-seeds every case's account, so runs measure the same work one after another.
		for (let run = 1; run <= options.runs; run++) {
			if (options.runs > 1) log(`run ${run}/${options.runs}`);
			const results = new Map<string, Awaited<ReturnType<typeof runThroughput>>>();
			for (const spec of selected) {
				const result = await runThroughput(setup, spec);
				results.set(spec.name, result);
				const { window, ...printed } = result;
				void window;
				const goals: Record<string, boolean> = {};
				if (spec.name === 'bulk') goals.pctOfCeilingAtLeast95 = result.pctOfCeiling >= GOAL.bulkPctOfCeiling;
				if (spec.name === 'inputField') goals.pctOfCeilingAtLeast90 = result.pctOfCeiling >= GOAL.inputFieldPctOfCeiling;
				if (spec.name === 'bulkHttps') goals.pctOfCeilingAtLeast85 = result.pctOfCeiling >= GOAL.httpsPctOfCeiling;
				if (spec.subscribers >= 100000 / scale && spec.nodes.includes(wf.OUR_NODE)) goals.rssGrowthUnder200MBPer100k = result.rssGrowthMBPer100k < GOAL.rssGrowthMBPer100k;
				if (spec.name === 'defineBelow' && result.expressionProbe) {
					// What Define Below costs per item beyond reading the IDs without an expression (Input Field, same items).
					const floor = results.get('inputField10k');
					const floorMsPerItem = floor ? floor.msPerItem : 1000 / CEILING_DELETIONS_PER_S;
					const overMsPerItem = round(result.msPerItem - floorMsPerItem, 3);
					Object.assign(result.expressionProbe, { floorCase: floor ? 'inputField10k' : 'API ceiling', floorMsPerItem, overFloorMsPerItem: overMsPerItem });
					goals.atMostOneExpressionPerItem = overMsPerItem <= result.expressionProbe.oneExpressionMs;
				}
				if (result.exitCode !== 0 || Object.values(result.everyCaseGoals).includes(false)) failures++;
				console.log(JSON.stringify({ run, ...printed, goals }));
			}
			const ratio = (slow?: { nodeTimeS: number }, fast?: { nodeTimeS: number }) => (slow && fast ? round(slow.nodeTimeS / fast.nodeTimeS, 2) : null);
			if (results.has('httpRequestPerId')) {
				const viaInputField = ratio(results.get('httpRequestPerId'), results.get('inputField10k'));
				const viaDefineBelow = ratio(results.get('httpRequestPerId'), results.get('defineBelow'));
				const best = viaInputField ?? viaDefineBelow;
				console.log(JSON.stringify({ run, case: 'vsHttpRequestPerId', items: size.perId, speedupInputField: viaInputField, speedupDefineBelow: viaDefineBelow, goals: { atLeast100x: best !== null && best >= GOAL.vsHttpRequestPerId } }));
			}
			if (results.has('httpRequestCredential')) {
				// The HTTP Request node signed by our credential, one call per ID: what a user picks for a command our node lacks.
				const viaInputField = ratio(results.get('httpRequestCredential'), results.get('inputField10k'));
				const viaDefineBelow = ratio(results.get('httpRequestCredential'), results.get('defineBelow'));
				const vsCodeNodeSigning = ratio(results.get('httpRequestCredential'), results.get('httpRequestPerId'));
				console.log(JSON.stringify({ run, case: 'vsHttpRequestCredential', items: size.perId, speedupInputField: viaInputField, speedupDefineBelow: viaDefineBelow, timeVsCodeNodeSigning: vsCodeNodeSigning }));
			}
			if (results.has('chunkedHttpRequest')) {
				const speedup = ratio(results.get('chunkedHttpRequest'), results.get('inputField') ?? results.get('bulk'));
				console.log(JSON.stringify({ run, case: 'vsChunkedHttpRequest', subscribers: size.big, oursCase: results.has('inputField') ? 'inputField' : 'bulk', speedup, goals: { atLeast1_15x: speedup !== null && speedup >= GOAL.vsChunkedHttpRequest } }));
			}
			for (const name of ['webhook', 'webhookHttps'] as const) {
				if (!options.only.has(name)) continue;
				const result = await runWebhook(setup, name, webhooks[name], name === 'webhook' ? http : https, account(name), size.webhookRuns);
				if (result.exitCode !== 0 || Object.values(result.everyCaseGoals).includes(false)) failures++;
				console.log(JSON.stringify({ run, ...result }));
			}
		}
		if (options.only.has('sync')) {
			const result = await runSyncCase(setup, syncBench, account('sync'), syncSize);
			if (result.exitCode !== 0 || Object.values(result.everyCaseGoals).includes(false)) failures++;
			console.log(JSON.stringify(result));
		}
	} finally {
		await http.stop();
		await https.stop();
		if (options.keep || failures > 0) log(`kept ${work}`);
		else rmSync(work, { recursive: true, force: true });
	}
	return failures === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	},
);
