#!/usr/bin/env node
// Minimal Tencent Chat REST client for the e2e script (independent of the package code under test).
// Usage:
//   node emulator-client.mjs subscribers --base-url URL --account '@TOA#_demo_news' \
//        [--sdkappid 1400000000] [--key KEY] [--admin administrator]
// Prints JSON: { "officialAccount", "subscriberNum", "count", "ids": [...] } (all pages of get_subscriber_info).
import { createHmac, randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const DEFAULTS = {
	sdkappid: '1400000000',
	key: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
	admin: 'administrator',
	account: '@TOA#_demo_news',
};

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

// TLSSigAPIv2 (HMAC-SHA256), see docs/tencent-chat-rest.md §4.2.
export function genUserSig(sdkappid, key, identifier, expire = 86400) {
	const time = Math.floor(Date.now() / 1000);
	const content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkappid}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
	const sig = createHmac('sha256', key).update(content).digest('base64');
	const json = JSON.stringify({
		'TLS.ver': '2.0',
		'TLS.identifier': String(identifier),
		'TLS.sdkappid': Number(sdkappid),
		'TLS.time': time,
		'TLS.expire': expire,
		'TLS.sig': sig,
	});
	return deflateSync(Buffer.from(json)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

export async function call(baseUrl, command, body, { sdkappid, key, admin }) {
	const url = new URL(`v4/official_account_open_http_svc/${command}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
	url.searchParams.set('sdkappid', String(sdkappid));
	url.searchParams.set('identifier', admin);
	url.searchParams.set('usersig', genUserSig(sdkappid, key, admin));
	url.searchParams.set('random', String(randomInt(0, 2 ** 32)));
	url.searchParams.set('contenttype', 'json');
	let lastErr;
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			let data;
			try {
				data = JSON.parse(text);
			} catch {
				throw new Error(`${command}: HTTP ${res.status}, non-JSON body: ${text.slice(0, 200)}`);
			}
			// Throttling codes: back off and retry (the emulator may rate-limit).
			if ([60007, 60011, 60018, 60019].includes(data.ErrorCode) || res.status === 429) {
				lastErr = new Error(`${command}: throttled (${data.ErrorCode}) ${data.ErrorInfo ?? ''}`);
				await new Promise((r) => setTimeout(r, 1100));
				continue;
			}
			if (data.ActionStatus !== 'OK' || (data.ErrorCode ?? 0) !== 0) {
				throw new Error(`${command}: ${data.ActionStatus} ErrorCode=${data.ErrorCode} ErrorInfo=${data.ErrorInfo}`);
			}
			return data;
		} catch (err) {
			lastErr = err;
			if (!(err instanceof TypeError)) throw err; // network errors (TypeError from fetch) are retried
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	throw lastErr;
}

export async function listSubscribers(baseUrl, account, creds) {
	const ids = [];
	let next = '';
	let subscriberNum;
	for (let page = 0; page < 10000; page++) {
		const data = await call(baseUrl, 'get_subscriber_info', { Official_Account: account, Limit: 200, Next: next }, creds);
		if (typeof data.SubscriberNum === 'number') subscriberNum = data.SubscriberNum;
		for (const s of data.SubscriberList ?? []) ids.push(s.Subscriber_Account);
		next = data.Next ?? '';
		if (!next || !(data.SubscriberList ?? []).length) break;
	}
	return { officialAccount: account, subscriberNum: subscriberNum ?? null, count: ids.length, ids };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('emulator-client.mjs');
if (isMain) {
	const args = parseArgs(process.argv.slice(2));
	const cmd = args._[0];
	const creds = { sdkappid: args.sdkappid ?? DEFAULTS.sdkappid, key: args.key ?? DEFAULTS.key, admin: args.admin ?? DEFAULTS.admin };
	try {
		if (cmd === 'subscribers') {
			if (!args['base-url']) throw new Error('--base-url is required');
			const r = await listSubscribers(args['base-url'], args.account ?? DEFAULTS.account, creds);
			process.stdout.write(`${JSON.stringify(r)}\n`);
		} else if (cmd === 'usersig') {
			process.stdout.write(`${genUserSig(creds.sdkappid, creds.key, creds.admin)}\n`);
		} else {
			throw new Error(`unknown command '${cmd ?? ''}' (expected: subscribers | usersig)`);
		}
	} catch (err) {
		process.stderr.write(`emulator-client: ${err.message}\n`);
		process.exit(1);
	}
}
