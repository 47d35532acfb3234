// npm run bench:trigger [-- --quick --phases defaults,lazy --rates 10,20,40,60 --seconds 15 --keep]
//
// What one Tencent callback costs a real n8n (the pinned version npm run test:e2e installs, n8n start, sqlite),
// the Tencent Chat Official Account Trigger beside n8n's own Webhook node (Respond Immediately -> No Op) in the
// same run. Not a test: it prints figures and the goals as flags, nothing is asserted.
//
// Workflows: "trigger" runs After Delete Subscriber and forwards every other callback to a stub backend in this
// process; "triggerPlain" runs the same event and answers the others OK itself; "webhook" is n8n's Webhook node.
// Per phase (a fresh n8n start; "defaults" = n8n's defaults, "lazy" = N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true):
//   1. answer times, one call at a time, 0.5 s apart (median of 20): unselected (not forwarded), forwarded, selected, Webhook node;
//   2. CPU per callback (n8n's user+system time from /proc, all threads, isolates included) for 60 calls at 10/s;
//   3. load: steady rates for --seconds each, Webhook node alone, then the trigger with 20 % selected, 40 %
//      forwarded and 40 % unselected; p50/p99, answered rate, errors; the rate "breaks" at the first step with
//      p99 > 500 ms or a failed answer. Afterwards: executions started (n8n REST) and requests the stub received.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { N8nCli } from './lib/n8nCli';
import { ProcSampler } from './lib/procSampler';

const SDK_APP_ID = 1400000000;
const TOKEN = `bench-callback-token-${process.pid}`;
const AFTER_DELETE = 'OfficialAccount.CallbackAfterDeleteSubscriber';
const GROUP_JOIN = 'Group.CallbackAfterNewMemberJoin';
const TRIGGER_TYPE = 'n8n-nodes-tencent-chat.tencentChatOfficialAccountTrigger';
const P99_LIMIT_MS = 500;
const REQUEST_TIMEOUT_MS = 10000;

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		phases: { type: 'string', default: 'defaults,lazy' },
		rates: { type: 'string' },
		seconds: { type: 'string' },
		keep: { type: 'boolean', default: false },
	},
});
const RATES = (args.rates ?? (args.quick ? '10,20' : '10,20,40,60')).split(',').map(Number);
const STEP_SECONDS = Number(args.seconds ?? (args.quick ? 5 : 15));
const SEQUENTIAL = args.quick ? 8 : 20;
const CPU_CALLS = args.quick ? 20 : 60;
const SEQUENTIAL_PAUSE_MS = 500;

const log = (message: string) => process.stderr.write(`[bench:trigger] ${message}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}
const median = (values: number[]) => percentile(values, 50);

// ---- workflows ----
function triggerWorkflow(id: string, webhookId: string, options: Record<string, unknown>) {
	return {
		id,
		name: `bench trigger ${webhookId}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-t`,
				name: 'Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { events: [AFTER_DELETE], respond: 'onReceived', verifySignature: true, options },
				credentials: { tencentChatApi: { id: 'benchTriggerCred', name: 'bench trigger' } },
			},
			{ id: `${id}-n`, name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

const webhookWorkflow = {
	id: 'benchTrigWebhook1',
	name: 'bench n8n Webhook node',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'bw-w',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: 'bench-webhook-node',
			parameters: { httpMethod: 'POST', path: 'bench-webhook-node', responseMode: 'onReceived', options: {} },
		},
		{ id: 'bw-n', name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
	],
	connections: { Webhook: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
	pinData: {},
};

// ---- the stub backend the forwarded callbacks go to ----
async function startStub(): Promise<{ server: Server; url: string; received: () => number }> {
	let received = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received++;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ActionStatus":"OK","ErrorInfo":"backend","ErrorCode":0}');
		});
	});
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backend`, received: () => received };
}

// ---- sending ----
type Kind = 'unselected' | 'forwarded' | 'selected' | 'webhookNode';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let port = 0;
let sequence = 0;

function target(kind: Kind): { path: string; body: string } {
	sequence++;
	if (kind === 'webhookNode') return { path: '/webhook/bench-webhook-node', body: JSON.stringify({ n: sequence }) };
	const time = String(Math.floor(Date.now() / 1000));
	const command = kind === 'selected' ? AFTER_DELETE : GROUP_JOIN;
	const query = new URLSearchParams({
		SdkAppid: String(SDK_APP_ID),
		CallbackCommand: command,
		contenttype: 'json',
		ClientIP: '203.0.113.7',
		OptPlatform: 'Android',
		RequestTime: time,
		Sign: createHash('sha256').update(TOKEN + time).digest('hex'),
	});
	const webhookId = kind === 'unselected' ? 'bench-trigger-plain' : 'bench-trigger-forward';
	const body =
		kind === 'selected'
			? { CallbackCommand: command, Official_Account: '@TOA#_bench', SubscribeAccountList: [{ Subscriber_Account: `u${sequence}` }], EventTime: Date.now() }
			: { CallbackCommand: command, GroupId: `@TGS#${sequence}` };
	return { path: `/webhook/${webhookId}/callback?${query.toString()}`, body: JSON.stringify(body) };
}

interface Answer {
	kind: Kind;
	ms: number;
	status: number;
	ok: boolean;
}

function send(kind: Kind): Promise<Answer> {
	const { path, body } = target(kind);
	const started = performance.now();
	return new Promise((resolveAnswer) => {
		const req = request(
			{ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: REQUEST_TIMEOUT_MS },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const status = res.statusCode ?? 0;
					const ok = status === 200 && (kind === 'webhookNode' || text.includes('"ActionStatus":"OK"'));
					resolveAnswer({ kind, ms: performance.now() - started, status, ok });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolveAnswer({ kind, ms: performance.now() - started, status: 0, ok: false }));
		req.end(body);
	});
}

/** Sends `count` calls of the mix at `rate` per second, open loop (a late answer does not delay the next call). */
async function steady(rate: number, count: number, pick: (index: number) => Kind): Promise<Answer[]> {
	const started = performance.now();
	const pending: Promise<Answer>[] = [];
	for (let index = 0; index < count; index++) {
		const due = started + (index * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 1) await sleep(wait);
		pending.push(send(pick(index)));
	}
	return await Promise.all(pending);
}

// ---- n8n REST: executions started per workflow ----
let cookie = '';
async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
	const res = await fetch(`http://127.0.0.1:${port}${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': 'bench', ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	for (const c of res.headers.getSetCookie()) {
		const match = /^n8n-auth=([^;]*)/.exec(c);
		if (match?.[1]) cookie = `n8n-auth=${match[1]}`;
	}
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json };
}

async function login(): Promise<void> {
	const owner = { email: 'bench-owner@example.com', firstName: 'Bench', lastName: 'Owner', password: 'Bench-Passw0rd!' };
	cookie = '';
	await rest('POST', '/rest/owner/setup', owner);
	if (!cookie) await rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	if (!cookie) throw new Error('could not log in to n8n');
}

async function executionCount(workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { json } = await rest('GET', `/rest/executions?filter=${filter}&limit=1`);
	const data = (json as { data?: { count?: number } } | undefined)?.data;
	return Number(data?.count ?? NaN);
}

async function waitUntilLive(path: string): Promise<void> {
	const deadline = Date.now() + 180000;
	while (Date.now() < deadline) {
		const status = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' }).then((res) => res.status, () => 0);
		if (status !== 0 && status !== 404) return;
		await sleep(500);
	}
	throw new Error(`${path} not live after 180 s`);
}

// ---- one phase ----
interface LoadStep {
	rate: number;
	sent: number;
	answeredPerS: number;
	p50: number;
	p99: number;
	failed: number;
}

async function loadSteps(label: string, pick: (index: number) => Kind): Promise<{ steps: LoadStep[]; breaksAt: number | null; answers: Answer[] }> {
	const steps: LoadStep[] = [];
	const all: Answer[] = [];
	let breaksAt: number | null = null;
	for (const rate of RATES) {
		const count = Math.round(rate * STEP_SECONDS);
		const started = performance.now();
		const answers = await steady(rate, count, pick);
		const seconds = (performance.now() - started) / 1000;
		all.push(...answers);
		const times = answers.map((answer) => answer.ms);
		const step = {
			rate,
			sent: count,
			answeredPerS: round(answers.filter((answer) => answer.ok).length / seconds),
			p50: round(median(times)),
			p99: round(percentile(times, 99)),
			failed: answers.filter((answer) => !answer.ok).length,
		};
		steps.push(step);
		log(`${label} at ${rate}/s: p50 ${step.p50} ms, p99 ${step.p99} ms, ${step.answeredPerS}/s answered, ${step.failed} failed`);
		if (step.p99 > P99_LIMIT_MS || step.failed > 0) {
			breaksAt = rate;
			break;
		}
		await sleep(3000); // let n8n finish the executions of this step
	}
	return { steps, breaksAt, answers: all };
}

async function phase(cli: N8nCli, name: string, extraEnv: NodeJS.ProcessEnv, stub: Awaited<ReturnType<typeof startStub>>) {
	log(`phase ${name}: n8n start ${JSON.stringify(extraEnv)}`);
	const { child, logFile } = cli.startServer(`n8n-${name}`, extraEnv);
	try {
		port = cli.port;
		for (const path of ['/webhook/bench-webhook-node', '/webhook/bench-trigger-plain/callback', '/webhook/bench-trigger-forward/callback']) await waitUntilLive(path);
		await login();
		const sampler = new ProcSampler(child.pid ?? -1, 50);
		for (let i = 0; i < 20; i++) for (const kind of ['unselected', 'forwarded', 'selected', 'webhookNode'] as Kind[]) await send(kind); // warm-up

		const kinds: Kind[] = ['unselected', 'forwarded', 'selected', 'webhookNode'];
		const answerMs: Record<string, number> = {};
		for (const kind of kinds) {
			const times: number[] = [];
			for (let i = 0; i < SEQUENTIAL; i++) {
				// One at a time with a pause: n8n rebuilds its expression isolate after each call of a community
				// trigger, and a call right after another would time that rebuild.
				await sleep(SEQUENTIAL_PAUSE_MS);
				times.push((await send(kind)).ms);
			}
			answerMs[kind] = round(median(times));
		}
		log(`${name}: median answer ${JSON.stringify(answerMs)}`);

		const cpuPerCallMs: Record<string, number> = {};
		for (const kind of kinds) {
			await sleep(1500);
			const from = Date.now();
			await steady(10, CPU_CALLS, () => kind);
			await sleep(1000); // the executions of the last calls
			const to = Date.now();
			await sleep(100);
			cpuPerCallMs[kind] = round(sampler.usageBetween(from, to).cpuMs / CPU_CALLS);
		}
		log(`${name}: CPU per call ${JSON.stringify(cpuPerCallMs)}`);

		const executionsBefore = { trigger: await executionCount('benchTrigForward1'), webhook: await executionCount(webhookWorkflow.id) };
		const stubBefore = stub.received();
		const webhookLoad = await loadSteps(`${name} webhook node`, () => 'webhookNode');
		await sleep(3000);
		const mix = (index: number): Kind => (index % 5 === 0 ? 'selected' : index % 5 <= 2 ? 'forwarded' : 'unselected');
		const triggerLoad = await loadSteps(`${name} trigger mix`, mix);
		await sleep(5000);
		const selectedSent = triggerLoad.answers.filter((answer) => answer.kind === 'selected');
		const forwardedSent = triggerLoad.answers.filter((answer) => answer.kind === 'forwarded');
		const accounting = {
			selectedSent: selectedSent.length,
			selectedAnswered: selectedSent.filter((answer) => answer.ok).length,
			executionsStarted: (await executionCount('benchTrigForward1')) - executionsBefore.trigger,
			forwardedSent: forwardedSent.length,
			forwardedAnswered: forwardedSent.filter((answer) => answer.ok).length,
			forwardsAtStub: stub.received() - stubBefore,
			webhookCallsSent: webhookLoad.answers.length,
			webhookExecutions: (await executionCount(webhookWorkflow.id)) - executionsBefore.webhook,
		};
		sampler.stop();
		const warnings = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('forwarding target')).length;
		return { phase: name, env: extraEnv, answerMs, cpuPerCallMs, webhookLoad: { steps: webhookLoad.steps, breaksAt: webhookLoad.breaksAt }, triggerLoad: { steps: triggerLoad.steps, breaksAt: triggerLoad.breaksAt }, accounting, forwardWarnings: warnings };
	} finally {
		await N8nCli.stopServer(child);
	}
}

function holdsRate(load: { steps: LoadStep[] }): number {
	const held = load.steps.filter((step) => step.p99 <= P99_LIMIT_MS && step.failed === 0).map((step) => step.rate);
	return held.length ? Math.max(...held) : 0;
}

async function main(): Promise<void> {
	const work = mkdtempSync(join(tmpdir(), 'tencent-chat-bench-trigger-'));
	log(`work folder ${work}; ${cpus().length} CPUs, load ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
	const stub = await startStub();
	try {
		const cli = await N8nCli.create(work, {});
		writeFileSync(
			join(work, 'credentials.json'),
			JSON.stringify([
				{
					id: 'benchTriggerCred',
					name: 'bench trigger',
					type: 'tencentChatApi',
					data: { sdkAppId: SDK_APP_ID, region: 'custom', baseUrl: 'http://127.0.0.1:9', secretKey: 'not-used', adminIdentifier: 'administrator', callbackToken: TOKEN },
				},
			]),
		);
		cli.command(['import:credentials', `--input=${join(work, 'credentials.json')}`]);
		const workflows = [
			triggerWorkflow('benchTrigForward1', 'bench-trigger-forward', { forwardUrl: stub.url }),
			triggerWorkflow('benchTrigPlain001', 'bench-trigger-plain', {}),
			webhookWorkflow,
		];
		for (const workflow of workflows) {
			const file = join(work, `${workflow.id}.json`);
			writeFileSync(file, JSON.stringify(workflow));
			cli.command(['import:workflow', `--input=${file}`]);
			cli.command(['publish:workflow', `--id=${workflow.id}`]);
		}

		const phases = args.phases.split(',').map((name) => name.trim());
		const results = [];
		for (const name of phases) {
			const env = name === 'lazy' ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {};
			results.push(await phase(cli, name, env, stub));
		}

		// The lazy-acquire goal compares with a Webhook-node call at n8n's defaults (the defaults phase of this run).
		const defaultsWebhookCpu = results.find((result) => result.phase === 'defaults')?.cpuPerCallMs.webhookNode;
		for (const result of results) {
			const { answerMs, cpuPerCallMs } = result;
			const goals = {
				unselectedAnswerWithin1_5xWebhookNode: answerMs.unselected <= 1.5 * answerMs.webhookNode,
				cpuUnselectedBelowWebhookNode: cpuPerCallMs.unselected < cpuPerCallMs.webhookNode,
				cpuUnselectedAtMostThirdOfWebhookNode: cpuPerCallMs.unselected <= cpuPerCallMs.webhookNode / 3,
				...(result.phase === 'lazy' && defaultsWebhookCpu !== undefined
					? { cpuUnselectedAtMostThirdOfDefaultsWebhookNode: cpuPerCallMs.unselected <= defaultsWebhookCpu / 3 }
					: {}),
				triggerHoldsWebhookNodeRate: holdsRate(result.triggerLoad) >= holdsRate(result.webhookLoad),
				forwardingAddsUnder50ms: answerMs.forwarded - answerMs.unselected < 50,
				everySelectedRunOnce: result.accounting.executionsStarted === result.accounting.selectedSent,
				everyForwardedOnce: result.accounting.forwardsAtStub === result.accounting.forwardedSent,
			};
			process.stdout.write(`${JSON.stringify({ n8n: cli.version, ...result, holds: { webhookNode: holdsRate(result.webhookLoad), trigger: holdsRate(result.triggerLoad) }, goals })}\n`);
		}
		if (!args.keep) rmSync(work, { recursive: true, force: true });
		else log(`kept ${work}`);
	} finally {
		agent.destroy();
		await new Promise<void>((resolveClose) => stub.server.close(() => resolveClose()));
	}
}

main().catch((error: unknown) => {
	log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
	process.exitCode = 1;
});
