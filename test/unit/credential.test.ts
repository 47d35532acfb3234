// The credential type: authenticate's query parameters, and the credential test request resolved the way
// n8n resolves it, sent over real HTTP to the local emulator.
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeTypes,
} from 'n8n-workflow';
import { Agent, request } from 'undici';

import { DEFAULT_APP, decodeUserSig, startEmulator, verifyUserSig, type TencentChatEmulator } from '../emulator';
import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { REGIONS } from '../../nodes/TencentChatOfficialAccount/tencent/regions';
import { resolveConnection } from '../../nodes/TencentChatOfficialAccount/transport/connection';

const KEY = DEFAULT_APP.secretKey;

function credentialData(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		sdkAppId: DEFAULT_APP.sdkAppId,
		region: 'console.tim.qq.com',
		baseUrl: '',
		secretKey: KEY,
		adminIdentifier: 'administrator',
		userSigValiditySeconds: 86400,
		...overrides,
	};
}

describe('TencentChatApi.authenticate', () => {
	const credential = new TencentChatApi();

	it('adds sdkappid, identifier, usersig, random and contenttype=json, keeping existing query keys', async () => {
		const options: IHttpRequestOptions = { url: 'https://example.test/v4/x', method: 'POST', qs: { keep: 'me', other: 2 } };
		const signed = await credential.authenticate(credentialData(), options);
		const qs = signed.qs as IDataObject;
		expect(qs.keep).toBe('me');
		expect(qs.other).toBe(2);
		expect(Number(qs.sdkappid)).toBe(DEFAULT_APP.sdkAppId);
		expect(qs.identifier).toBe('administrator');
		expect(qs.contenttype).toBe('json');
		expect(typeof qs.usersig).toBe('string');
		const verdict = verifyUserSig({
			userSig: String(qs.usersig),
			sdkAppId: DEFAULT_APP.sdkAppId,
			identifier: 'administrator',
			secretKey: KEY,
			nowSeconds: Math.floor(Date.now() / 1000),
		});
		expect(verdict.ok).toBe(true);
		expect(decodeUserSig(String(qs.usersig))['TLS.expire']).toBe(86400);
		// The rest of the request is untouched, and the caller's object is not mutated.
		expect(signed.url).toBe(options.url);
		expect(signed.method).toBe('POST');
		expect(options.qs).toEqual({ keep: 'me', other: 2 });
	});

	it('works when the request had no qs at all', async () => {
		const signed = await credential.authenticate(credentialData(), { url: 'https://example.test/' });
		expect(Object.keys(signed.qs as IDataObject).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
	});

	it('uses the configured UserSig validity', async () => {
		const signed = await credential.authenticate(credentialData({ userSigValiditySeconds: 3600, adminIdentifier: 'admin-validity' }), {
			url: 'https://example.test/',
		});
		expect(decodeUserSig(String((signed.qs as IDataObject).usersig))['TLS.expire']).toBe(3600);
	});

	it('sends a fresh uint32 random on every request', async () => {
		const randoms: number[] = [];
		for (let i = 0; i < 50; i++) {
			const signed = await credential.authenticate(credentialData(), { url: 'https://example.test/' });
			randoms.push((signed.qs as IDataObject).random as number);
		}
		for (const value of randoms) {
			expect(Number.isInteger(value)).toBe(true);
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(4294967295);
		}
		expect(new Set(randoms).size).toBe(50);
	});
});

/** Resolves a credential-test request value with n8n-workflow's expression engine, as n8n's credential tester does. */
function resolveLikeN8n(value: unknown, data: ICredentialDataDecryptedObject): unknown {
	const nodeTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const node: INode = {
		id: 'credential-test',
		name: 'Temp-Node',
		type: 'n8n-nodes-tencent-chat.tencentChatOfficialAccount',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getParameterValue(
		value as string,
		null,
		0,
		0,
		node.name,
		[{ json: {} }],
		'internal',
		{ $credentials: data } as unknown as Parameters<typeof workflow.expression.getParameterValue>[7],
	);
}

describe('TencentChatApi.test request', () => {
	const credential = new TencentChatApi();
	const testRequest = credential.test.request;

	it.each(REGIONS.filter((region) => region.value !== 'custom').map((region) => region.value))(
		'resolves baseURL for region %s to https://{domain}',
		(domain) => {
			expect(resolveLikeN8n(testRequest.baseURL, credentialData({ region: domain }))).toBe(`https://${domain}`);
		},
	);

	it('resolves baseURL for a custom URL with trailing slashes to the trimmed URL', () => {
		expect(resolveLikeN8n(testRequest.baseURL, credentialData({ region: 'custom', baseUrl: 'http://127.0.0.1:8080/' }))).toBe(
			'http://127.0.0.1:8080',
		);
		expect(
			resolveLikeN8n(testRequest.baseURL, credentialData({ region: 'custom', baseUrl: 'https://proxy.example.com//' })),
		).toBe('https://proxy.example.com');
	});

	/** The base URL the node itself would call (resolveConnection returns it directly or as `{ ok, connection }`). */
	function nodeBaseUrl(data: ICredentialDataDecryptedObject): string {
		const resolved = resolveConnection(data) as unknown as { baseUrl?: string; connection?: { baseUrl: string } };
		return resolved.connection?.baseUrl ?? String(resolved.baseUrl);
	}

	it.each([
		['console.tim.qq.com', ''],
		['adminapisgp.im.qcloud.com', ''],
		['custom', 'http://127.0.0.1:8080'],
		['custom', 'http://127.0.0.1:8080///'],
		['custom', ' https://proxy.example.com/ '],
		['custom', 'https://proxy.example.com/\n'],
	])('tests the same base URL the node calls (region %s, base URL %j)', (region, baseUrl) => {
		const data = credentialData({ region, baseUrl });
		expect(resolveLikeN8n(testRequest.baseURL, data)).toBe(nodeBaseUrl(data));
	});

	it('resolves the body to a CheckItem for the admin identifier', () => {
		expect(resolveLikeN8n(testRequest.body, credentialData({ adminIdentifier: 'boss' }))).toEqual({
			CheckItem: [{ UserID: 'boss' }],
		});
	});

	it('declares a failure rule on ActionStatus FAIL', () => {
		expect(credential.test.rules).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					type: 'responseSuccessBody',
					properties: expect.objectContaining({ key: 'ActionStatus', value: 'FAIL' }),
				}),
			]),
		);
	});

	describe('sent to the emulator', () => {
		let emulator: TencentChatEmulator;
		const dispatcher = new Agent({ keepAliveTimeout: 1000 });

		beforeAll(async () => {
			emulator = await startEmulator();
		});

		afterAll(async () => {
			await emulator.stop();
			await dispatcher.close();
		});

		/** Builds the request as n8n would (baseURL + url, resolved body, authenticate) and POSTs it with undici. */
		async function sendTestRequest(data: ICredentialDataDecryptedObject): Promise<Record<string, unknown>> {
			const baseURL = resolveLikeN8n(testRequest.baseURL, data) as string;
			const body = resolveLikeN8n(testRequest.body, data);
			const signed = await credential.authenticate(data, {
				url: testRequest.url ?? '',
				method: testRequest.method,
				body: body as IDataObject,
				json: true,
				qs: {},
			});
			const query = new URLSearchParams(
				Object.entries(signed.qs as IDataObject).map(([name, value]) => [name, String(value)]),
			).toString();
			const response = await request(`${baseURL}${signed.url}?${query}`, {
				method: signed.method ?? 'GET',
				body: JSON.stringify(signed.body),
				headers: { 'content-type': 'application/json' },
				dispatcher,
			});
			expect(response.statusCode).toBe(200);
			return (await response.body.json()) as Record<string, unknown>;
		}

		/** n8n's responseSuccessBody rule: the test fails when body[key] equals value. */
		function ruleFires(reply: Record<string, unknown>): boolean {
			return (credential.test.rules ?? []).some(
				(rule) => rule.type === 'responseSuccessBody' && reply[rule.properties.key] === rule.properties.value,
			);
		}

		const emulatorCredential = (overrides: ICredentialDataDecryptedObject = {}) =>
			credentialData({ region: 'custom', baseUrl: `${emulator.url}/`, ...overrides });

		it('valid credentials → ActionStatus OK', async () => {
			const reply = await sendTestRequest(emulatorCredential());
			expect(reply.ActionStatus).toBe('OK');
			expect(reply.ErrorCode).toBe(0);
			expect(ruleFires(reply)).toBe(false);
			const call = emulator.calls[emulator.calls.length - 1];
			expect(call.command).toBe('im_open_login_svc/account_check');
			expect(call.body).toEqual({ CheckItem: [{ UserID: 'administrator' }] });
			expect(call.contenttype).toBe('json');
		});

		it('wrong secret key → ActionStatus FAIL, ErrorCode 70009, and the rule fires', async () => {
			const reply = await sendTestRequest(emulatorCredential({ secretKey: 'f'.repeat(64) }));
			expect(reply.ActionStatus).toBe('FAIL');
			expect(reply.ErrorCode).toBe(70009);
			expect(ruleFires(reply)).toBe(true);
		});

		it('identifier that is not an App admin → ErrorCode 60010, and the rule fires', async () => {
			const reply = await sendTestRequest(emulatorCredential({ adminIdentifier: 'xiaojun' }));
			expect(reply.ActionStatus).toBe('FAIL');
			expect(reply.ErrorCode).toBe(60010);
			expect(ruleFires(reply)).toBe(true);
		});

		it('unknown SDKAppID → FAIL (70020), and the rule fires', async () => {
			const reply = await sendTestRequest(emulatorCredential({ sdkAppId: 1400009999 }));
			expect(reply.ActionStatus).toBe('FAIL');
			expect(reply.ErrorCode).toBe(70020);
			expect(ruleFires(reply)).toBe(true);
		});
	});
});
