// resolveConnection / restUrl: credential data → base URL, checked before any call.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { COMMANDS } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
import { CUSTOM_REGION, REGIONS } from '../../nodes/TencentChatOfficialAccount/tencent/regions';
import {
	resolveConnection,
	restUrl,
	type TencentConnection,
} from '../../nodes/TencentChatOfficialAccount/transport/connection';

/**
 * resolveConnection reports bad settings either by throwing an error with a `fix` (ConnectionSettingsError)
 * or by returning `{ ok: false, message, fix }`; both shapes have been used, so the tests accept either.
 */
type Resolved = { ok: true; connection: TencentConnection } | { ok: false; message: string; fix: string };

function resolve(credentials: ICredentialDataDecryptedObject): Resolved {
	let result: unknown;
	try {
		result = resolveConnection(credentials);
	} catch (error) {
		const thrown = error as { message?: unknown; fix?: unknown };
		return { ok: false, message: String(thrown.message ?? ''), fix: typeof thrown.fix === 'string' ? thrown.fix : '' };
	}
	if (typeof result === 'object' && result !== null && 'ok' in result) return result as Resolved;
	return { ok: true, connection: result as TencentConnection };
}

function connectionOf(credentials: ICredentialDataDecryptedObject): TencentConnection {
	const resolved = resolve(credentials);
	if (!resolved.ok) throw new Error(`expected a connection, got: ${resolved.message}`);
	return resolved.connection;
}

function data(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		sdkAppId: 1400000000,
		region: 'console.tim.qq.com',
		baseUrl: '',
		secretKey: 'k',
		adminIdentifier: 'administrator',
		...overrides,
	};
}

function settingsError(credentials: ICredentialDataDecryptedObject): { message: string; fix: string } {
	const resolved = resolve(credentials);
	expect(resolved.ok).toBe(false);
	if (resolved.ok) throw new Error(`expected a settings error, got ${resolved.connection.baseUrl}`);
	return resolved;
}

describe('resolveConnection', () => {
	const domains = REGIONS.filter((region) => region.value !== CUSTOM_REGION).map((region) => region.value);

	it('lists the documented data centres', () => {
		expect(domains).toEqual(
			expect.arrayContaining([
				'console.tim.qq.com',
				'adminapisgp.im.qcloud.com',
				'adminapikr.im.qcloud.com',
				'adminapijpn.im.qcloud.com',
				'adminapiger.im.qcloud.com',
				'adminapiind.im.qcloud.com',
				'adminapiusa.im.qcloud.com',
				'adminapiidn.im.qcloud.com',
			]),
		);
	});

	it.each(domains)('region %s → https://{domain}', (domain) => {
		const connection = connectionOf(data({ region: domain }));
		expect(connection.baseUrl).toBe(`https://${domain}`);
		expect(new URL(connection.baseUrl).protocol).toBe('https:');
	});

	it('reads SDKAppID (number or numeric text) and the admin identifier', () => {
		expect(connectionOf(data())).toEqual({ sdkAppId: 1400000000, identifier: 'administrator', baseUrl: 'https://console.tim.qq.com' });
		expect(connectionOf(data({ sdkAppId: '1400000001', adminIdentifier: 'boss' }))).toMatchObject({
			sdkAppId: 1400000001,
			identifier: 'boss',
		});
	});

	it.each([
		['https://adminapisgp.im.qcloud.com', 'https://adminapisgp.im.qcloud.com'],
		['https://adminapisgp.im.qcloud.com/', 'https://adminapisgp.im.qcloud.com'],
		['http://127.0.0.1:8080///', 'http://127.0.0.1:8080'],
		['  http://localhost:3000/  ', 'http://localhost:3000'],
		['https://proxy.example.com/tencent/', 'https://proxy.example.com/tencent'],
	])('custom %j → %j', (raw, expected) => {
		expect(connectionOf(data({ region: CUSTOM_REGION, baseUrl: raw })).baseUrl).toBe(expected);
	});

	it.each(['adminapisgp.im.qcloud.com', 'not a url', 'ftp://example.com', 'file:///etc/passwd', '', '   ', 'javascript:alert(1)'])(
		'custom %j → a settings error with a fix',
		(raw) => {
			const error = settingsError(data({ region: CUSTOM_REGION, baseUrl: raw }));
			expect(error.message).toMatch(/Base URL/);
			expect(error.fix).toMatch(/https?:\/\//);
		},
	);

	it('custom without any baseUrl → a settings error', () => {
		const { baseUrl: _omitted, ...rest } = data({ region: CUSTOM_REGION });
		expect(_omitted).toBe('');
		settingsError(rest);
	});

	it.each([0, NaN, -1, 1.5, 'abc', '', undefined, Number.MAX_SAFE_INTEGER + 2])('SDKAppID %p → a settings error with a fix', (sdkAppId) => {
		const error = settingsError(data({ sdkAppId: sdkAppId as number }));
		expect(error.message).toMatch(/SDKAppID/);
		expect(error.fix.length).toBeGreaterThan(10);
	});

	it('checks the SDKAppID before the URL', () => {
		const error = settingsError(data({ sdkAppId: 0, region: CUSTOM_REGION, baseUrl: 'ftp://x' }));
		expect(error.message).toMatch(/SDKAppID/);
	});
});

describe('restUrl', () => {
	it('builds {base}/v4/{service}/{command}', () => {
		const connection = connectionOf(data({ region: 'adminapiger.im.qcloud.com' }));
		expect(restUrl(connection, COMMANDS.deleteSubscriber)).toBe(
			'https://adminapiger.im.qcloud.com/v4/official_account_open_http_svc/delete_subscriber',
		);
		expect(restUrl(connection, COMMANDS.accountCheck)).toBe('https://adminapiger.im.qcloud.com/v4/im_open_login_svc/account_check');
	});

	it('has exactly one slash between a trimmed custom base and the path', () => {
		const connection = connectionOf(data({ region: CUSTOM_REGION, baseUrl: 'http://127.0.0.1:9999//' }));
		const url = new URL(restUrl(connection, COMMANDS.deleteSubscriber));
		expect(url.host).toBe('127.0.0.1:9999');
		expect(url.pathname).toBe('/v4/official_account_open_http_svc/delete_subscriber');
	});
});
