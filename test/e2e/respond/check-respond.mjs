// Checks Callback → Respond in a running n8n (started by scripts/e2e-respond.sh): a Before Add Subscriber callback
// into *trigger (Using the Respond Operation) → Callback Respond (Refuse Subscribers) → Wait 3 s → Set* is
// answered well before the Wait ends and the execution still finishes; 10 calls give the median answer time.
// Also what Tencent receives when no Respond step runs, and when the workflow fails before answering.
// Prints "PASS|FAIL\t<label>\t<detail>" and "FIGURE\t<name>\t<value>" lines on stdout.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { n8nRest } from '../n8n-rest.mjs';

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, index, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[index + 1]]] : pairs), []),
);
const N8N = args['n8n-url'];
const TOKEN = args.token;
const SDK_APP_ID = Number(args.sdkappid);
const n8n = n8nRest(N8N, args['n8n-dir']);

const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';
const WAIT_MS = 3000;
const CALLS = 10;
const WORKFLOWS = {
	respond: { id: 'tcE2eRespond0001', url: `${N8N}/webhook/tc-e2e-respond/callback` },
	none: { id: 'tcE2eRespondNone', url: `${N8N}/webhook/tc-e2e-respond-none/callback` },
	fails: { id: 'tcE2eRespondFail', url: `${N8N}/webhook/tc-e2e-respond-fail/callback` },
	lastNode: { id: 'tcE2eRespondLast', url: `${N8N}/webhook/tc-e2e-respond-last/callback` },
	n8nWebhook: { id: 'tcE2eRespondNatv', url: `${N8N}/webhook/tc-e2e-native` },
	example: { id: 'tcBeforeAddRespond', url: `${N8N}/webhook/before-add-subscriber-respond/callback` },
};

const log = (message) => process.stderr.write(`[e2e-respond] ${message}\n`);
const result = (verdict, label, detail = '') => process.stdout.write(`${verdict}\t${label}\t${detail}\n`);
const figure = (name, value) => process.stdout.write(`FIGURE\t${name}\t${value}\n`);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

async function check(label, fn) {
	try {
		result('PASS', label, (await fn()) ?? '');
	} catch (error) {
		result('FAIL', label, error.message);
	}
}

function signedUrl(base) {
	const url = new URL(base);
	const time = String(Math.floor(Date.now() / 1000));
	url.search = new URLSearchParams({
		SdkAppid: String(SDK_APP_ID),
		CallbackCommand: BEFORE_ADD,
		contenttype: 'json',
		ClientIP: '203.0.113.7',
		OptPlatform: 'Android',
		RequestTime: time,
		Sign: createHash('sha256').update(TOKEN + time).digest('hex'),
	}).toString();
	return url;
}

async function callback(base, subscribers) {
	const body = { CallbackCommand: BEFORE_ADD, Official_Account: '@TOA#_e2e', Operator_Account: 'administrator', SubscribeAccountList: subscribers.map((id) => ({ Subscriber_Account: id })), EventTime: Date.now() };
	const started = performance.now();
	const res = await fetch(signedUrl(base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	const ms = performance.now() - started;
	let json;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', json, text, ms };
}

async function waitUntilLive(url) {
	const deadline = Date.now() + 120000;
	while (Date.now() < deadline) {
		const res = await fetch(url, { method: 'POST' }).catch(() => undefined);
		if (res && res.status !== 404) return;
		await sleep(500);
	}
	throw new Error(`${url} still 404 after 120 s: the workflow was not activated`);
}

/** Waits until `count` executions besides `known` have finished (any status but running/new/waiting). */
async function finishedExecutions(workflowId, known, count, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await n8n.executions(workflowId)).filter((e) => !known.includes(e.id));
		const done = fresh.filter((e) => !['running', 'new', 'waiting'].includes(e.status));
		if (done.length >= count || Date.now() > deadline) return { fresh, done };
		await sleep(500);
	}
}

async function main() {
	await n8n.login();
	for (const workflow of Object.values(WORKFLOWS)) await waitUntilLive(workflow.url);
	log('the production webhooks are live');

	await check(`trigger → Respond (Refuse Subscribers) → Wait 3 s → Set: ${CALLS} callbacks answered well before the Wait ends, every execution finishes`, async () => {
		const known = (await n8n.executions(WORKFLOWS.respond.id)).map((e) => e.id);
		// Each round calls the Respond workflow and the two baselines in turn, so they share the machine's load.
		const times = [];
		const answeredAt = new Map();
		const lastNodeTimes = [];
		const n8nWebhookTimes = [];
		for (let call = 0; call < CALLS; call++) {
			const subscribers = ['good1', `bad${call}`, 'good2'];
			const want = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RefusedSubscribers_Account: [`bad${call}`] };
			const reply = await callback(WORKFLOWS.respond.url, subscribers);
			expect(reply.status === 200 && same(reply.json, want), `call ${call}: HTTP ${reply.status} ${reply.text}`);
			times.push(reply.ms);
			answeredAt.set(`bad${call}`, Date.now());
			const lastNode = await callback(WORKFLOWS.lastNode.url, subscribers);
			expect(lastNode.status === 200 && same(lastNode.json, want), `baseline Last Node, call ${call}: HTTP ${lastNode.status} ${lastNode.text}`);
			lastNodeTimes.push(lastNode.ms);
			const native = await callback(WORKFLOWS.n8nWebhook.url, subscribers);
			expect(native.status === 200 && same(native.json, want), `baseline n8n Webhook, call ${call}: HTTP ${native.status} ${native.text}`);
			n8nWebhookTimes.push(native.ms);
		}
		const { done } = await finishedExecutions(WORKFLOWS.respond.id, known, CALLS);
		expect(done.length === CALLS, `${done.length} of ${CALLS} executions finished`);
		const durations = [];
		const earlier = [];
		for (const { id } of done) {
			const run = await n8n.execution(id);
			expect(run.status === 'success', `execution ${id}: ${run.status} ${run.error?.message ?? ''}`);
			const answered = run.items('Answer Tencent');
			expect(answered.length === 1 && answered[0].CallbackCommand === BEFORE_ADD && !('error' in answered[0]), `execution ${id}: Respond passed on ${JSON.stringify(answered)}`);
			expect(same(run.items('Done'), [{ done: true, subscribers: 3 }]), `execution ${id}: Done gave ${JSON.stringify(run.items('Done'))}`);
			durations.push(new Date(run.stoppedAt).getTime() - new Date(run.startedAt).getTime());
			// The answer came while the execution was still in its Wait: before the execution stopped.
			const refused = answered[0].SubscribeAccountList[1].Subscriber_Account;
			const early = new Date(run.stoppedAt).getTime() - answeredAt.get(refused);
			expect(early > 0, `execution ${id} (${refused}) stopped before its callback was answered`);
			earlier.push(early);
		}
		expect(Math.min(...durations) >= WAIT_MS, `an execution took only ${fmt(Math.min(...durations))}`);
		figure('Respond answer time, median of 10 (3 s Wait after it)', fmt(median(times)));
		figure('Respond answer time, min / max', `${fmt(Math.min(...times))} / ${fmt(Math.max(...times))}`);
		figure('execution duration, median of 10', fmt(median(durations)));
		figure('answer before the execution stopped, median of 10', fmt(median(earlier)));
		figure('baseline, trigger When Last Node Finishes → Set (no Wait), median of 10', fmt(median(lastNodeTimes)));
		figure("baseline, n8n's Webhook → Respond to Webhook → Wait 3 s, median of 10", fmt(median(n8nWebhookTimes)));
		return `median answer ${fmt(median(times))}, ${fmt(median(earlier))} before its execution stopped`;
	});

	await check('no Respond step: n8n answers HTTP 200 with an empty body when the execution ends', async () => {
		const reply = await callback(WORKFLOWS.none.url, ['u1']);
		expect(reply.status === 200 && reply.text === '', `HTTP ${reply.status} ${JSON.stringify(reply.text)}`);
		figure('no Respond step: reply', `HTTP ${reply.status}, ${reply.text.length} bytes, content-type "${reply.contentType}", after ${fmt(reply.ms)}`);
	});

	await check('the workflow fails before a Respond step answered: n8n answers HTTP 500 "Error in workflow"', async () => {
		const reply = await callback(WORKFLOWS.fails.url, ['u1']);
		expect(reply.status === 500 && reply.json?.message === 'Error in workflow', `HTTP ${reply.status} ${reply.text}`);
		return reply.text;
	});
	await check('example before-add-subscriber-respond: refuses the test_ accounts, then the workflow goes on', async () => {
		const known = (await n8n.executions(WORKFLOWS.example.id)).map((e) => e.id);
		const reply = await callback(WORKFLOWS.example.url, ['user1', 'test_bot', 'user2']);
		expect(reply.status === 200 && same(reply.json, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RefusedSubscribers_Account: ['test_bot'] }), `HTTP ${reply.status} ${reply.text}`);
		const { done } = await finishedExecutions(WORKFLOWS.example.id, known, 1);
		expect(done.length === 1, `${done.length} executions finished`);
		const run = await n8n.execution(done[0].id);
		const [summary] = run.items('Who was let in');
		expect(run.status === 'success' && same(summary?.admitted, ['user1', 'user2']) && same(summary?.refused, ['test_bot']), `${run.status} ${JSON.stringify(summary)}`);
		return reply.text;
	});
}

main().catch((error) => {
	result('FAIL', 'respond e2e', error.message);
	process.exitCode = 1;
});
