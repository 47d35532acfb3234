// n8n's REST API as the e2e checkers use it: owner setup and login (cookie), executions of a workflow and one
// execution's run data (flatted, loaded from the n8n install). Runs on the system Node.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

export function n8nRest(baseUrl, n8nDir) {
	const flatted = createRequire(`${n8nDir}/node_modules/n8n/package.json`)('flatted');
	const browserId = randomUUID();
	let cookie = '';

	async function rest(method, path, body) {
		const headers = { 'content-type': 'application/json', 'browser-id': browserId, ...(cookie ? { cookie } : {}) };
		const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		for (const c of res.headers.getSetCookie?.() ?? []) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m?.[1]) cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {}
		return { status: res.status, json, text };
	}

	/** n8n answers (even 200 with the editor's HTML) before its REST routes are mounted: retries until login works. */
	async function login(timeoutMs = 180000) {
		const owner = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			cookie = '';
			const setup = await rest('POST', '/rest/owner/setup', owner).catch((error) => ({ status: 0, text: error.message }));
			if (setup.status !== 0) {
				const res = await rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
				if (res.status === 200 && cookie) return;
				last = `HTTP ${res.status} ${res.text.slice(0, 120)}`;
			} else last = setup.text;
			await sleep(1000);
		}
		throw new Error(`login failed: ${last}`);
	}

	/** The workflow's executions, newest first: id, status, startedAt, stoppedAt. */
	async function executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await rest('GET', `/rest/executions?filter=${filter}&limit=100`);
		if (res.status !== 200) throw new Error(`GET /rest/executions: HTTP ${res.status} ${res.text.slice(0, 200)}`);
		return (res.json?.data?.results ?? res.json?.data ?? []).map((e) => ({ ...e, id: String(e.id) }));
	}

	/** One execution: its status, times and each node's first-run items (json only). */
	async function execution(executionId) {
		const res = await rest('GET', `/rest/executions/${executionId}`);
		const found = res.json?.data ?? res.json;
		const data = typeof found.data === 'string' ? flatted.parse(found.data) : found.data;
		const runData = data?.resultData?.runData ?? {};
		const items = (node) => (runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
		return { status: found.status, startedAt: found.startedAt, stoppedAt: found.stoppedAt, nodes: Object.keys(runData), items, error: data?.resultData?.error };
	}

	return { rest, login, executions, execution };
}
