#!/usr/bin/env node
// Checks the run of messages.e2e.workflow.json: Send outputs a MsgKey, Get Many lists that message first with
// its text, Recall recalls that same key. MsgKeys are assigned by the emulator, so they are compared, not fixed.
//   node check-messages.mjs --stdout F --expect F [--label L] [--exit-code N]
import { readFileSync } from 'node:fs';

import { extractRun } from './check-run.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const expect = JSON.parse(readFileSync(args.expect, 'utf8'));
const failures = [];
const notes = [];
const fail = (message) => failures.push(message);

function itemsOf(run, node) {
	const runs = run.data.resultData.runData?.[node];
	if (!Array.isArray(runs) || runs.length === 0) return fail(`node "${node}" did not run`), [];
	const last = runs.at(-1);
	if (last.error) return fail(`node "${node}" failed: ${last.error.message}`), [];
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}

if (args['exit-code'] !== undefined && Number(args['exit-code']) !== 0) fail(`n8n execute exited with code ${args['exit-code']}`);
const { run } = extractRun(readFileSync(args.stdout, 'utf8'));
if (!run) fail('no run data found in n8n stdout');
else {
	if (run.data.resultData.error) fail(`workflow error: ${run.data.resultData.error.message}`);
	const [sent, ...moreSent] = itemsOf(run, expect.send);
	const history = itemsOf(run, expect.history);
	const recalled = itemsOf(run, expect.recall);
	if (!sent || moreSent.length > 0) fail(`Send output ${1 + moreSent.length} item(s), expected 1`);
	else {
		if (!/^\d+_1_\d+$/.test(String(sent.msgKey))) fail(`Send msgKey ${JSON.stringify(sent.msgKey)} is not <seq>_1_<time>`);
		if (sent.officialAccount !== expect.officialAccount) fail(`Send officialAccount ${sent.officialAccount}`);
		if (typeof sent.msgTime !== 'number' || sent.msgTimeIso !== new Date(sent.msgTime * 1000).toISOString()) fail(`Send msgTime/msgTimeIso ${sent.msgTime} / ${sent.msgTimeIso}`);
		notes.push(`sent ${sent.msgKey} at ${sent.msgTimeIso}`);
		if (history.length !== 1) fail(`Get Many output ${history.length} item(s), expected 1 (Limit 1)`);
		else if (history[0].msgKey !== sent.msgKey || history[0].text !== expect.text) fail(`Get Many newest ${JSON.stringify(history[0]).slice(0, 200)} is not the sent message`);
		else notes.push(`history newest: ${history[0].msgKey} "${history[0].text}"`);
		if (recalled.length !== 1 || recalled[0].msgKey !== sent.msgKey || recalled[0].status !== 'recalled' || recalled[0].result !== 0)
			fail(`Recall output ${JSON.stringify(recalled).slice(0, 300)}, expected ${sent.msgKey} recalled with RetCode 0`);
		else notes.push(`recalled ${recalled[0].msgKey}`);
	}
}
const ok = failures.length === 0;
process.stdout.write(`---- ${ok ? 'PASS' : 'FAIL'}: ${args.label ?? expect.workflowId}\n${notes.map((n) => `  . ${n}\n`).join('')}${failures.map((f) => `  x ${f}\n`).join('')}`);
process.exit(ok ? 0 : 1);
