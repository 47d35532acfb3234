// The emulator's optional HTTPS mode (used by the real-n8n benchmark): it serves a certificate from a
// local CA, a client that trusts that CA gets Tencent's replies, and one that does not is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makeLocalCa, type LocalCa } from '../scripts/lib/localCa';
import type { TencentChatEmulator } from './emulator';
import { DEFAULT_APP, signUserSigForTests, startEmulator } from './emulator';

const NEWS = '@TOA#_news';
let dir: string;
let ca: LocalCa;
let emulator: TencentChatEmulator;

function deleteCall(ids: string[], trustedCa?: string): Promise<{ status: number; body: string }> {
	const userSig = signUserSigForTests(DEFAULT_APP.sdkAppId, DEFAULT_APP.secretKey, 'administrator', 3600, Math.floor(Date.now() / 1000));
	const url = new URL(`${emulator.url}/v4/official_account_open_http_svc/delete_subscriber`);
	url.search = new URLSearchParams({ sdkappid: String(DEFAULT_APP.sdkAppId), identifier: 'administrator', usersig: userSig, random: '7', contenttype: 'json' }).toString();
	const body = JSON.stringify({ Official_Account: NEWS, SubscriberToDel_Account: ids });
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', ca: trustedCa, headers: { 'content-type': 'application/json' } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'emulator-tls-'));
	ca = makeLocalCa(dir);
	emulator = await startEmulator({
		tls: { key: ca.serverKey, cert: ca.serverCert },
		accounts: [{ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: NEWS, subscribers: ['user001', 'user002'] }],
	});
});

afterAll(async () => {
	await emulator.stop();
	rmSync(dir, { recursive: true, force: true });
});

test('serves HTTPS on 127.0.0.1 and answers a client that trusts the local CA', async () => {
	expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
	const reply = await deleteCall(['user001'], ca.caCert);
	expect(reply.status).toBe(200);
	expect(JSON.parse(reply.body)).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
	expect(emulator.subscribers(DEFAULT_APP.sdkAppId, NEWS)).toEqual(['user002']);
});

test('a client that does not trust the local CA is refused before any call is recorded', async () => {
	const before = emulator.calls.length;
	await expect(deleteCall(['user002'])).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
	expect(emulator.calls.length).toBe(before);
	expect(emulator.subscribers(DEFAULT_APP.sdkAppId, NEWS)).toEqual(['user002']);
});
