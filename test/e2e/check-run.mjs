#!/usr/bin/env node
// Parse the output of `n8n execute --id=<id> --rawOutput` and check it.
//
//   node check-run.mjs extract <stdout-file>                      -> prints the run JSON (IRun) or exits 1
//   node check-run.mjs check --stdout F --expect F [--before F --after F] [--label L] [--exit-code N]
//   node check-run.mjs generic --stdout F --workflow F [--before F --after F] [--label L] [--exit-code N]
//   node check-run.mjs nodes --stdout F --expect F [--before F --after F] [--label L] [--exit-code N]
//
// `check` compares one node's output items with an expectation file (see *.expect.json).
// `generic` is for workflows without an expectation file (e.g. examples/*.workflow.json): every
// n8n-nodes-tencent-chat node must have run, and each output item must have a well-formed result.
// `nodes` checks several nodes of one workflow: each node's exact items (see subscriber-operations.e2e.expect.json).
// --before/--after are `emulator-client.mjs subscribers` snapshots taken around the run.
// Exit code 0 = PASS, 1 = FAIL, 2 = usage error.
import { readFileSync } from 'node:fs';

const PACKAGE_PREFIX = 'n8n-nodes-tencent-chat.';
const STATUS_BY_RESULT = { 1: 'deleted', 2: 'notSubscribed' };
const STATUSES = new Set(['deleted', 'notSubscribed', 'failed']);

function parseArgs(argv) {
	const out = { _: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
			else out[a.slice(2)] = argv[++i];
		} else out._.push(a);
	}
	return out;
}

const isRun = (o) =>
	o !== null && typeof o === 'object' && o.data && typeof o.data === 'object' && o.data.resultData && typeof o.data.resultData === 'object';

function tryJson(s) {
	try {
		return JSON.parse(s);
	} catch {
		return undefined;
	}
}

// Return the end index (exclusive) of the balanced JSON value starting at text[start] === '{', or -1.
function balancedEnd(text, start) {
	let depth = 0;
	let inStr = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inStr) {
			if (c === '\\') i++;
			else if (c === '"') inStr = false;
		} else if (c === '"') inStr = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

// Find the run data in n8n's stdout. With N8N_LOG_FORMAT=json every line is a JSON log record and the
// run is the JSON-encoded `message` of one of them; with the text log format the run is printed as a
// (possibly pretty-printed, multi-line) JSON document among other log lines. Accept both; take the last.
export function extractRun(text) {
	const candidates = [];
	const messages = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line.startsWith('{')) continue;
		const rec = tryJson(line);
		if (rec === undefined) continue;
		if (isRun(rec)) {
			candidates.push(rec);
			continue;
		}
		if (typeof rec.message === 'string') {
			const inner = tryJson(rec.message.trim());
			if (isRun(inner)) candidates.push(inner);
			else messages.push(rec);
		}
	}
	if (candidates.length === 0) {
		// Fallback: scan for balanced JSON objects that start at a line start.
		const re = /(^|\n)[ \t]*\{/g;
		let m;
		while ((m = re.exec(text)) !== null) {
			const start = m.index + m[0].length - 1;
			const end = balancedEnd(text, start);
			if (end < 0) continue;
			const obj = tryJson(text.slice(start, end));
			if (isRun(obj)) {
				candidates.push(obj);
				re.lastIndex = end;
			}
		}
	}
	return { run: candidates.at(-1), logRecords: messages };
}

const LOG_NOISE = [/Python task runner/i, /license SDK/i, /Migrations in progress/i];

function summarizeLogErrors(text, logRecords) {
	const lines = [];
	const add = (l) => {
		const one = String(l).split('\n').filter((x) => x.trim() && !/^\s+at /.test(x)).slice(0, 3).join(' | ').slice(0, 400);
		if (one && !LOG_NOISE.some((re) => re.test(one)) && !lines.includes(one)) lines.push(one);
	};
	for (const r of logRecords) {
		if (['error', 'warn'].includes(r.level) || /error|No active execution|not found|Missing|Unrecognized/i.test(r.message))
			add(`${r.level ?? '?'}: ${r.message}`);
	}
	if (!logRecords.length) {
		for (const l of text.split(/\r?\n/)) if (/error|No active execution|Missing node|Unrecognized/i.test(l)) add(l.trim());
	}
	return lines.slice(-12);
}

function nodeItems(run, nodeName) {
	const runs = run.data.resultData.runData?.[nodeName];
	if (!Array.isArray(runs) || runs.length === 0) return { error: `node "${nodeName}" did not run (not in runData)` };
	const last = runs.at(-1);
	if (last.error) return { error: `node "${nodeName}" failed: ${last.error.message ?? JSON.stringify(last.error)}` };
	const main = last.data?.main ?? [];
	// all outputs: with "On Error: Continue (using error output)" failed items are on output 1
	return { items: main.flatMap((o) => o ?? []), outputs: main, executionStatus: last.executionStatus };
}

function readJson(file, what) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (err) {
		throw new Error(`cannot read ${what} ${file}: ${err.message}`);
	}
}

class Report {
	constructor(label) {
		this.label = label;
		this.failures = [];
		this.notes = [];
	}
	fail(msg) {
		this.failures.push(msg);
	}
	note(msg) {
		this.notes.push(msg);
	}
	print(extra = []) {
		const ok = this.failures.length === 0;
		const out = [`---- ${ok ? 'PASS' : 'FAIL'}: ${this.label}`];
		for (const n of [...extra, ...this.notes]) out.push(`  . ${n}`);
		for (const f of this.failures) out.push(`  x ${f}`);
		process.stdout.write(`${out.join('\n')}\n`);
		return ok ? 0 : 1;
	}
}

const isErrorItem = (json) => json !== null && typeof json === 'object' && 'error' in json && !('status' in json);
const errorText = (json) => (typeof json.error === 'string' ? json.error : JSON.stringify(json.error));

function checkItemShape(report, json, where) {
	if (json === null || typeof json !== 'object') return report.fail(`${where}: json is not an object`);
	if (isErrorItem(json)) return report.fail(`${where}: error item ${errorText(json).slice(0, 300)}`);
	for (const k of ['officialAccount', 'subscriberId', 'status'])
		if (!(k in json)) report.fail(`${where}: missing field "${k}" in ${JSON.stringify(json).slice(0, 300)}`);
	// `result` is Tencent's per-ID Result; an ID that failed before any API call may have none.
	if (!('result' in json) && json.status !== 'failed') report.fail(`${where}: missing field "result" in ${JSON.stringify(json).slice(0, 300)}`);
	if ('subscriberId' in json && typeof json.subscriberId !== 'string') report.fail(`${where}: subscriberId is not a string`);
	if ('result' in json && typeof json.result !== 'number' && !(json.status === 'failed' && json.result == null))
		report.fail(`${where}: result is not a number (${JSON.stringify(json.result)})`);
	if ('status' in json && !STATUSES.has(json.status)) report.fail(`${where}: status "${json.status}" not in deleted|notSubscribed|failed`);
	if (typeof json.result === 'number' && STATUSES.has(json.status)) {
		const want = STATUS_BY_RESULT[json.result] ?? 'failed';
		if (json.status !== want) report.fail(`${where}: result ${json.result} but status "${json.status}" (expected "${want}")`);
	}
}

// pairedItem may be a number, {item}, or an array of those
function pairedItems(item) {
	const p = item.pairedItem;
	if (p === undefined || p === null) return [];
	return (Array.isArray(p) ? p : [p]).map((x) => (typeof x === 'number' ? x : x?.item));
}

function checkEmulator(report, beforeFile, afterFile, deletedIds, expectedDrop) {
	if (!beforeFile || !afterFile) {
		report.note('emulator snapshots not given: subscriber count not checked');
		return;
	}
	const before = readJson(beforeFile, 'snapshot');
	const after = readJson(afterFile, 'snapshot');
	const drop = before.count - after.count;
	const numInfo = before.subscriberNum !== null && after.subscriberNum !== null ? `, SubscriberNum ${before.subscriberNum} -> ${after.subscriberNum}` : '';
	report.note(`emulator ${before.officialAccount}: subscribers ${before.count} -> ${after.count}${numInfo}`);
	if (drop !== expectedDrop) report.fail(`emulator subscriber count dropped by ${drop}, expected ${expectedDrop}`);
	if (before.subscriberNum !== null && after.subscriberNum !== null && before.subscriberNum - after.subscriberNum !== expectedDrop)
		report.fail(`emulator SubscriberNum dropped by ${before.subscriberNum - after.subscriberNum}, expected ${expectedDrop}`);
	const afterSet = new Set(after.ids);
	const beforeSet = new Set(before.ids);
	for (const id of deletedIds) {
		if (!beforeSet.has(id)) report.fail(`"${id}" reported deleted but was not a subscriber before the run`);
		if (afterSet.has(id)) report.fail(`"${id}" reported deleted but is still a subscriber after the run`);
	}
}

function loadRun(report, args) {
	const text = readFileSync(args.stdout, 'utf8');
	const { run, logRecords } = extractRun(text);
	const exitCode = args['exit-code'] !== undefined ? Number(args['exit-code']) : undefined;
	if (exitCode !== undefined && exitCode !== 0) report.fail(`n8n execute exited with code ${exitCode}`);
	if (!run) {
		report.fail('no run data found in n8n stdout');
		for (const l of summarizeLogErrors(text, logRecords)) report.note(`log: ${l}`);
		return undefined;
	}
	const rd = run.data.resultData;
	if (run.status) report.note(`execution status: ${run.status}${run.finished === undefined ? '' : `, finished: ${run.finished}`}`);
	if (rd.error) report.fail(`workflow error: ${rd.error.message ?? JSON.stringify(rd.error).slice(0, 300)}${rd.lastNodeExecuted ? ` (last node: ${rd.lastNodeExecuted})` : ''}`);
	return run;
}

function cmdCheck(args) {
	const expect = readJson(args.expect, 'expectation');
	// An expectation for several nodes (any operation) is checked item by item.
	if (expect.nodes) return cmdNodes(args);
	const report = new Report(args.label ?? expect.workflowId ?? args.expect);
	const run = loadRun(report, args);
	if (!run) return report.print();
	const { items, outputs, error } = nodeItems(run, expect.node);
	if (error) {
		report.fail(error);
		return report.print();
	}
	if (expect.failedOnOutput !== undefined) {
		// "Continue (using error output)": failures only on that output, successes only on the others.
		outputs.forEach((output, index) => {
			for (const it of output ?? []) {
				const failed = isErrorItem(it.json);
				if (failed && index !== expect.failedOnOutput) report.fail(`error item on output ${index}: ${errorText(it.json).slice(0, 160)}`);
				if (!failed && index === expect.failedOnOutput) report.fail(`non-error item on output ${index}: ${JSON.stringify(it.json).slice(0, 160)}`);
			}
		});
		report.note(`outputs: ${outputs.map((output, index) => `${index}: ${(output ?? []).length} item(s)`).join(', ')}`);
	}
	if (expect.rawItems) {
		const got = items.map((i) => i.json);
		if (JSON.stringify(got) !== JSON.stringify(expect.rawItems))
			report.fail(`node "${expect.node}" items ${JSON.stringify(got)} != expected ${JSON.stringify(expect.rawItems)}`);
		else report.note(`node "${expect.node}": ${got.length} item(s) as expected`);
		return report.print();
	}
	const want = expect.items;
	if (items.length !== want.length) report.fail(`node "${expect.node}" returned ${items.length} item(s), expected ${want.length} (one per subscriber ID)`);
	const seen = new Map();
	const errorItems = [];
	items.forEach((it, i) => {
		if (isErrorItem(it.json)) {
			errorItems.push({ it, i, used: false });
			return;
		}
		checkItemShape(report, it.json, `item ${i}`);
		const id = it.json?.subscriberId;
		if (seen.has(id)) report.fail(`subscriberId "${id}" appears more than once`);
		seen.set(id, it);
	});
	for (const w of want) {
		let it = seen.get(w.subscriberId);
		if (!it && w.status === 'failed') {
			// "continue" error modes replace a failed item's json with { error } (n8n-core normalizeNodeErrors),
			// so a failed ID can only be recognised by its error message.
			const e = errorItems.find((x) => !x.used && errorText(x.it.json).includes(w.subscriberId));
			if (e) {
				e.used = true;
				report.note(`${w.subscriberId}: error item "${errorText(e.it.json).slice(0, 160)}"`);
				if (w.inputItem !== undefined && !pairedItems(e.it).includes(w.inputItem))
					report.fail(`${w.subscriberId}: pairedItem ${JSON.stringify(e.it.pairedItem)}, expected input item ${w.inputItem}`);
				continue;
			}
		}
		if (!it) {
			report.fail(`no output item for subscriberId "${w.subscriberId}"`);
			continue;
		}
		const got = it.json;
		const oa = w.officialAccount ?? expect.officialAccount;
		if (oa !== undefined && got.officialAccount !== oa) report.fail(`${w.subscriberId}: officialAccount "${got.officialAccount}", expected "${oa}"`);
		if (w.result !== undefined && got.result !== w.result) report.fail(`${w.subscriberId}: result ${got.result}, expected ${w.result}`);
		if (w.status !== undefined && got.status !== w.status) report.fail(`${w.subscriberId}: status "${got.status}", expected "${w.status}"`);
		if (w.inputItem !== undefined && !pairedItems(it).includes(w.inputItem))
			report.fail(`${w.subscriberId}: pairedItem ${JSON.stringify(it.pairedItem)}, expected input item ${w.inputItem}`);
	}
	for (const id of seen.keys()) if (!want.some((w) => w.subscriberId === id)) report.fail(`unexpected output item for subscriberId "${id}"`);
	for (const e of errorItems) if (!e.used) report.fail(`unexpected error item ${e.i}: ${errorText(e.it.json).slice(0, 300)}`);
	const order = items.map((i) => i.json?.subscriberId ?? '(error item)').join(',');
	const wantOrder = want.map((w) => (seen.has(w.subscriberId) ? w.subscriberId : '(error item)')).join(',');
	if (order !== wantOrder) report.note(`WARNING: item order ${order} differs from input order ${wantOrder}`);
	const counts = {};
	for (const it of items) {
		const k = isErrorItem(it.json) ? 'errorItem' : it.json?.status;
		counts[k] = (counts[k] ?? 0) + 1;
	}
	report.note(`node "${expect.node}": ${items.length} item(s) ${JSON.stringify(counts)}`);
	const deleted = items.filter((i) => i.json?.status === 'deleted').map((i) => i.json.subscriberId);
	checkEmulator(report, args.before, args.after, deleted, expect.subscriberCountDrop ?? deleted.length);
	return report.print();
}

function cmdGeneric(args) {
	const wf = readJson(args.workflow, 'workflow');
	const report = new Report(args.label ?? wf.id ?? args.workflow);
	const run = loadRun(report, args);
	if (!run) return report.print();
	const ours = (wf.nodes ?? []).filter((n) => typeof n.type === 'string' && n.type.startsWith(PACKAGE_PREFIX) && !n.disabled);
	if (ours.length === 0) report.fail(`workflow has no enabled ${PACKAGE_PREFIX}* node`);
	const deleted = [];
	let account;
	for (const n of ours) {
		const { items, error } = nodeItems(run, n.name);
		if (error) {
			report.fail(error);
			continue;
		}
		const isDelete = n.parameters?.operation === 'delete';
		const continues = typeof n.onError === 'string' && n.onError.startsWith('continue');
		items.forEach((it, i) => {
			if (continues && isErrorItem(it.json)) report.note(`"${n.name}" item ${i}: error item "${errorText(it.json).slice(0, 160)}" (node continues on error)`);
			else if (isDelete) checkItemShape(report, it.json, `"${n.name}" item ${i}`);
			if (it.json?.status === 'deleted') deleted.push(it.json.subscriberId);
			if (it.json?.officialAccount) account ??= it.json.officialAccount;
		});
		const counts = {};
		for (const it of items) {
			const k = isErrorItem(it.json) ? 'errorItem' : (it.json?.status ?? '(no status)');
			counts[k] = (counts[k] ?? 0) + 1;
		}
		report.note(`node "${n.name}" (${n.type}): ${items.length} item(s) ${JSON.stringify(counts)}`);
	}
	if (args.before && args.after) {
		const before = readJson(args.before, 'snapshot');
		if (account === undefined || account === before.officialAccount) checkEmulator(report, args.before, args.after, deleted, deleted.length);
		else report.note(`items refer to ${account}, snapshots to ${before.officialAccount}: count not checked`);
	}
	return report.print();
}

// An expected value: plain JSON matches exactly; {"$type": "number"} any value of that type; {"$regex": "…"} a
// string matching it. Returns the differences as "path: got …, expected …".
function matchValue(got, want, path, diffs) {
	if (want !== null && typeof want === 'object' && !Array.isArray(want) && ('$type' in want || '$regex' in want)) {
		if ('$type' in want && typeof got !== want.$type) diffs.push(`${path}: ${JSON.stringify(got)} is not a ${want.$type}`);
		if ('$regex' in want && (typeof got !== 'string' || !new RegExp(want.$regex).test(got)))
			diffs.push(`${path}: ${JSON.stringify(got)} does not match /${want.$regex}/`);
		return;
	}
	if (want !== null && typeof want === 'object') {
		if (got === null || typeof got !== 'object' || Array.isArray(got) !== Array.isArray(want)) {
			diffs.push(`${path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
			return;
		}
		const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
		for (const key of keys) {
			if (!(key in want)) diffs.push(`${path}.${key}: unexpected (${JSON.stringify(got[key]).slice(0, 80)})`);
			else if (!(key in got)) diffs.push(`${path}.${key}: missing`);
			else matchValue(got[key], want[key], `${path}.${key}`, diffs);
		}
		return;
	}
	if (got !== want) diffs.push(`${path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

function cmdNodes(args) {
	const expect = readJson(args.expect, 'expectation');
	const report = new Report(args.label ?? expect.workflowId ?? args.expect);
	const run = loadRun(report, args);
	if (!run) return report.print();
	for (const [name, want] of Object.entries(expect.nodes)) {
		const { outputs, error } = nodeItems(run, name);
		if (error) {
			report.fail(error);
			continue;
		}
		outputs.forEach((output, index) => {
			if (index > 0 && (output ?? []).length > 0) report.fail(`"${name}": ${output.length} item(s) on output ${index}, expected none`);
		});
		const items = outputs[0] ?? [];
		if (items.length !== want.items.length) report.fail(`"${name}": ${items.length} item(s), expected ${want.items.length}`);
		want.items.forEach((wanted, i) => {
			const item = items[i];
			if (!item) return;
			const diffs = [];
			matchValue(item.json, wanted.json, `"${name}" item ${i}`, diffs);
			for (const diff of diffs) report.fail(diff);
			if (wanted.inputItem !== undefined && !pairedItems(item).includes(wanted.inputItem))
				report.fail(`"${name}" item ${i}: pairedItem ${JSON.stringify(item.pairedItem)}, expected input item ${wanted.inputItem}`);
		});
		report.note(`node "${name}": ${items.length} item(s) checked`);
	}
	if (args.before && args.after) checkEmulator(report, args.before, args.after, [], expect.subscriberCountDrop ?? 0);
	return report.print();
}

const isMain = process.argv[1]?.endsWith('check-run.mjs');
if (isMain) {
	const args = parseArgs(process.argv.slice(2));
	const cmd = args._[0];
	try {
		if (cmd === 'extract') {
			const file = args._[1] ?? args.stdout;
			const { run } = extractRun(readFileSync(file, 'utf8'));
			if (!run) {
				process.stderr.write('check-run: no run data found\n');
				process.exit(1);
			}
			process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
		} else if (cmd === 'check') {
			process.exit(cmdCheck(args));
		} else if (cmd === 'generic') {
			process.exit(cmdGeneric(args));
		} else if (cmd === 'nodes') {
			process.exit(cmdNodes(args));
		} else {
			process.stderr.write('usage: check-run.mjs extract <file> | check --stdout F --expect F | generic --stdout F --workflow F | nodes --stdout F --expect F\n');
			process.exit(2);
		}
	} catch (err) {
		process.stdout.write(`---- FAIL: ${args.label ?? cmd}\n  x check-run error: ${err.stack ?? err}\n`);
		process.exit(1);
	}
}
