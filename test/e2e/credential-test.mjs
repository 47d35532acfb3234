#!/usr/bin/env node
// Presses the credential's "Test" button in a running n8n (`n8n start`), the way the editor does:
// owner setup / login, then POST /rest/credentials/test. Runs on the system Node (no dependencies).
//
//   node credential-test.mjs --n8n-url http://127.0.0.1:5678 --emulator-url http://127.0.0.1:PORT \
//        --cred-id tencentChatEmulator --credentials credentials.json [--emulator-log emulator.log] \
//        [--expect-message TEXT] [--out DIR] [--timeout 180]
//
// The credential's baseUrl is pointed at a small recording proxy in front of the emulator, so the
// exact request n8n sends (path, query without the UserSig, JSON body) can be checked; the emulator's
// own call log (--emulator-log, its stdout) must show the same account_check calls.
//
// Prints one line per check on stdout: "PASS<TAB>label<TAB>detail" or "FAIL<TAB>label<TAB>detail";
// progress and diagnostics go to stderr. Exit code 0 when all checks passed, 1 otherwise, 2 on setup errors.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
		const eq = a.indexOf('=');
		if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
		else out[a.slice(2)] = argv[++i];
	}
	return out;
}

const args = parseArgs(process.argv.slice(2));
const N8N = (args['n8n-url'] ?? '').replace(/\/+$/, '');
const EMU = (args['emulator-url'] ?? '').replace(/\/+$/, '');
const TIMEOUT_S = Number(args.timeout ?? 180);
const ACCOUNT_CHECK = '/v4/im_open_login_svc/account_check';
const log = (msg) => process.stderr.write(`[credential-test] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const results = [];
function record(ok, label, detail = '') {
	results.push(ok);
	process.stdout.write(`${ok ? 'PASS' : 'FAIL'}\t${label}\t${detail.replace(/[\t\n]+/g, ' ')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Recording proxy in front of the emulator
// ---------------------------------------------------------------------------------------------
const captured = [];
function startProxy() {
	const target = new URL(EMU);
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url, 'http://proxy');
			const query = Object.fromEntries(url.searchParams);
			if ('usersig' in query) query.usersig = `<${query.usersig.length} chars>`;
			let body;
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = raw.toString('utf8');
			}
			const entry = { method: req.method, path: url.pathname, query, contentType: req.headers['content-type'], body };
			captured.push(entry);
			const headers = { ...req.headers, host: target.host };
			const up = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
				(upRes) => {
					const out = [];
					upRes.on('data', (c) => out.push(c));
					upRes.on('end', () => {
						const text = Buffer.concat(out).toString('utf8');
						entry.status = upRes.statusCode;
						try {
							entry.reply = JSON.parse(text);
						} catch {
							entry.reply = text;
						}
						res.writeHead(upRes.statusCode ?? 502, upRes.headers);
						res.end(text);
					});
				},
			);
			up.on('error', (err) => {
				entry.status = 502;
				entry.reply = `proxy error: ${err.message}`;
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(entry.reply);
			});
			up.end(raw);
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

// ---------------------------------------------------------------------------------------------
// n8n REST client (cookie n8n-auth + a fixed browser-id header, as the editor sends)
// ---------------------------------------------------------------------------------------------
const BROWSER_ID = randomUUID();
let cookie = '';
async function rest(method, path, body) {
	const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
	if (cookie) headers.cookie = cookie;
	const res = await fetch(`${N8N}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	for (const c of res.headers.getSetCookie?.() ?? []) {
		const m = /^n8n-auth=([^;]*)/.exec(c);
		if (m && m[1]) cookie = `n8n-auth=${m[1]}`;
	}
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

async function waitForHealthz() {
	const deadline = Date.now() + TIMEOUT_S * 1000;
	let last = '';
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${N8N}/healthz`);
			if (res.ok) return;
			last = `HTTP ${res.status}`;
		} catch (err) {
			last = err.cause?.code ?? err.message;
		}
		await sleep(500);
	}
	throw new Error(`${N8N}/healthz not OK within ${TIMEOUT_S} s (last: ${last})`);
}

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };

async function ownerSetupAndLogin() {
	// /healthz can answer before the REST routes are mounted: retry 404s for a while.
	let setup;
	for (let i = 0; i < 60; i++) {
		setup = await rest('POST', '/rest/owner/setup', OWNER);
		if (setup.status !== 404 && setup.status !== 503) break;
		await sleep(500);
	}
	if (setup.status === 200) log(`owner set up (${OWNER.email})`);
	else log(`owner setup: HTTP ${setup.status} ${setup.text.slice(0, 200)} (already set up? logging in)`);
	cookie = '';
	const login = await rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	if (login.status !== 200 || !cookie) {
		throw new Error(`login failed: HTTP ${login.status} ${login.text.slice(0, 300)}`);
	}
	log('logged in, n8n-auth cookie received');
}

async function testCredential(credentials) {
	const res = await rest('POST', '/rest/credentials/test', { credentials });
	if (res.status !== 200 || !res.json?.data) {
		return { status: `HTTP ${res.status}`, message: res.text.slice(0, 500) };
	}
	return res.json.data; // { status: 'OK' | 'Error', message }
}

function emulatorLogCalls() {
	if (!args['emulator-log']) return undefined;
	try {
		return readFileSync(args['emulator-log'], 'utf8')
			.split('\n')
			.filter((line) => line.includes('im_open_login_svc/account_check'));
	} catch {
		return [];
	}
}

async function waitForEmulatorLog(before, want) {
	for (let i = 0; i < 20; i++) {
		const now = emulatorLogCalls();
		if (now === undefined || now.length >= before + want) return now;
		await sleep(100);
	}
	return emulatorLogCalls();
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------
async function main() {
	if (!N8N || !EMU || !args['cred-id'] || !args.credentials) {
		throw new Error('--n8n-url, --emulator-url, --cred-id and --credentials are required');
	}
	const stored = JSON.parse(readFileSync(args.credentials, 'utf8')).find((c) => c.id === args['cred-id']);
	if (!stored) throw new Error(`credential ${args['cred-id']} not in ${args.credentials}`);
	const expectMessage = args['expect-message'];

	const proxy = await startProxy();
	const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
	log(`recording proxy ${proxyUrl} -> ${EMU}`);
	try {
		await waitForHealthz();
		log(`${N8N}/healthz OK`);
		await ownerSetupAndLogin();

		const good = { ...stored.data, region: 'custom', baseUrl: proxyUrl };
		const bad = { ...good, secretKey: '0'.repeat(64) };
		const logBefore = emulatorLogCalls()?.length ?? 0;

		// (1) valid data: the editor sends the stored credential's id, name, type and the form data
		const n0 = captured.length;
		const r1 = await testCredential({ id: stored.id, name: stored.name, type: stored.type, data: good });
		const calls1 = captured.slice(n0).filter((c) => c.path === ACCOUNT_CHECK);
		log(`valid data -> ${JSON.stringify(r1)}`);
		record(
			r1.status === 'OK',
			'credential Test button: valid data -> OK',
			`status ${r1.status}${r1.message ? `, "${r1.message}"` : ''}`,
		);

		// (2) wrong secret key: must fail through the responseSuccessBody rule (ActionStatus FAIL)
		const n1 = captured.length;
		const r2 = await testCredential({ id: stored.id, name: stored.name, type: stored.type, data: bad });
		const calls2 = captured.slice(n1).filter((c) => c.path === ACCOUNT_CHECK);
		log(`wrong secret key -> ${JSON.stringify(r2)}`);
		const reply2 = calls2[0]?.reply;
		const ok2 =
			r2.status === 'Error' &&
			(expectMessage ? r2.message === expectMessage : /refused these credentials/.test(r2.message ?? '')) &&
			reply2?.ActionStatus === 'FAIL';
		record(
			ok2,
			'credential Test button: wrong secret key -> Error with the rule message',
			`status ${r2.status}, "${r2.message}"; emulator replied ActionStatus ${reply2?.ActionStatus} ErrorCode ${reply2?.ErrorCode}`,
		);

		// (3) what n8n actually sent, and the emulator's own call log
		const problems = [];
		const all = [...calls1, ...calls2];
		if (calls1.length !== 1) problems.push(`valid test made ${calls1.length} account_check call(s), expected 1`);
		if (calls2.length !== 1) problems.push(`wrong-key test made ${calls2.length} account_check call(s), expected 1`);
		for (const c of all) {
			const userIds = Array.isArray(c.body?.CheckItem) ? c.body.CheckItem.map((i) => i?.UserID) : undefined;
			if (c.method !== 'POST') problems.push(`method ${c.method}`);
			if (JSON.stringify(userIds) !== JSON.stringify([stored.data.adminIdentifier])) {
				problems.push(`body CheckItem UserIDs ${JSON.stringify(userIds)} (body ${JSON.stringify(c.body)}), expected ["${stored.data.adminIdentifier}"]`);
			}
			if (c.query.identifier !== stored.data.adminIdentifier) problems.push(`query identifier=${c.query.identifier}`);
			if (c.query.sdkappid !== String(stored.data.sdkAppId)) problems.push(`query sdkappid=${c.query.sdkappid}`);
			if (c.query.contenttype !== 'json') problems.push(`query contenttype=${c.query.contenttype}`);
		}
		if (calls1[0] && calls1[0].reply?.ActionStatus !== 'OK') problems.push(`valid test: emulator replied ${JSON.stringify(calls1[0].reply)}`);
		const logNow = await waitForEmulatorLog(logBefore, 2);
		let logDetail = '';
		if (logNow !== undefined) {
			const added = logNow.slice(logBefore);
			logDetail = `; emulator log: ${added.map((l) => l.trim()).join(' | ')}`;
			if (added.length !== 2) problems.push(`emulator log shows ${added.length} new account_check call(s), expected 2`);
			else {
				if (!/-> ok\b/.test(added[0])) problems.push(`emulator log for the valid test: ${added[0].trim()}`);
				if (/-> ok\b/.test(added[1])) problems.push(`emulator log for the wrong key: ${added[1].trim()}`);
			}
		}
		const first = all[0];
		record(
			problems.length === 0,
			'credential Test button: request n8n sent (account_check, UserID resolved)',
			problems.length
				? problems.join('; ')
				: `POST ${first.path} body ${JSON.stringify(first.body)}, identifier=${first.query.identifier}${logDetail}`,
		);
		if (args.out) writeFileSync(args.out, `${JSON.stringify({ results: { valid: r1, wrongKey: r2 }, captured }, null, 2)}\n`);
	} finally {
		proxy.close();
	}
}

main().then(
	() => process.exit(results.length > 0 && results.every(Boolean) ? 0 : 1),
	(err) => {
		log(`ERROR: ${err.message}`);
		if (args.out) writeFileSync(args.out, `${JSON.stringify({ error: err.message, captured }, null, 2)}\n`);
		process.stdout.write(`FAIL\tcredential Test button\t${err.message.replace(/[\t\n]+/g, ' ')}\n`);
		process.exit(2);
	},
);
