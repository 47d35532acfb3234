#!/usr/bin/env node
// Make a workflow file (e.g. examples/*.workflow.json) importable and runnable by the e2e script:
//   node prepare-workflow.mjs <in.json> <out.json> <credentialId> <credentialName>
// - accepts a single workflow object or an array (the first workflow is used);
// - gives it a stable id of at most 21 characters when it has none (or an invalid one);
// - points every n8n-nodes-tencent-chat.* node at the e2e credential;
// - prints "ok <workflowId>" or "skip <reason>" on stdout (exit 0), exit 1 on a broken file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [, , inFile, outFile, credId, credName] = process.argv;
if (!inFile || !outFile || !credId || !credName) {
	process.stderr.write('usage: prepare-workflow.mjs <in.json> <out.json> <credentialId> <credentialName>\n');
	process.exit(2);
}
const PACKAGE_PREFIX = 'n8n-nodes-tencent-chat.';
const STARTERS = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.executeWorkflowTrigger']);

let wf;
try {
	wf = JSON.parse(readFileSync(inFile, 'utf8'));
} catch (err) {
	process.stderr.write(`prepare-workflow: ${inFile}: ${err.message}\n`);
	process.exit(1);
}
if (Array.isArray(wf)) wf = wf[0];
if (!wf || typeof wf !== 'object' || !Array.isArray(wf.nodes)) {
	process.stdout.write('skip not a workflow (no "nodes" array)\n');
	process.exit(0);
}
if (!wf.nodes.some((n) => STARTERS.has(n.type) && !n.disabled)) {
	process.stdout.write('skip no Manual Trigger / Execute Workflow Trigger (n8n execute cannot start it)\n');
	process.exit(0);
}
const ours = wf.nodes.filter((n) => typeof n.type === 'string' && n.type.startsWith(PACKAGE_PREFIX));
if (ours.length === 0) {
	process.stdout.write(`skip no ${PACKAGE_PREFIX}* node\n`);
	process.exit(0);
}
if (typeof wf.id !== 'string' || wf.id.length === 0 || wf.id.length > 21) {
	wf.id = `tcE2eEx${createHash('sha1').update(basename(inFile)).digest('hex').slice(0, 12)}`;
}
wf.name ??= basename(inFile);
wf.active = false;
wf.connections ??= {};
wf.settings ??= {};
for (const n of ours) {
	const creds = n.credentials ?? {};
	creds.tencentChatApi = { id: credId, name: credName };
	n.credentials = creds;
}
writeFileSync(outFile, `${JSON.stringify(wf, null, 2)}\n`);
process.stdout.write(`ok ${wf.id}\n`);
