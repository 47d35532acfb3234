import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { REST_API_VERSION, type TencentCommand } from '../tencent/contract';
import { CUSTOM_REGION } from '../tencent/regions';

export const CREDENTIAL_TYPE = 'tencentChatApi';

export interface TencentConnection {
	sdkAppId: number;
	identifier: string;
	/** Scheme and host, no trailing slash. */
	baseUrl: string;
}

export class ConnectionSettingsError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'ConnectionSettingsError';
	}
}

/** Reads what the transport needs from the credential and checks it before any call is made. */
export function resolveConnection(credentials: ICredentialDataDecryptedObject): TencentConnection {
	const sdkAppId = Number(credentials.sdkAppId);
	if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
		throw new ConnectionSettingsError(
			'The Tencent Chat credential has no valid SDKAppID',
			'Enter the SDKAppID shown in the Tencent Chat console (a number such as 1400000000).',
		);
	}
	const region = String(credentials.region ?? '');
	const baseUrl = region === CUSTOM_REGION ? customBaseUrl(String(credentials.baseUrl ?? '')) : `https://${region}`;
	return { sdkAppId, identifier: String(credentials.adminIdentifier ?? ''), baseUrl };
}

function customBaseUrl(raw: string): string {
	const trimmed = raw.trim().replace(/\/+$/, '');
	let url: URL | undefined;
	try {
		url = new URL(trimmed);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new ConnectionSettingsError(
			`The Base URL "${raw}" in the Tencent Chat credential is not an http(s) URL`,
			'Enter the REST API address with its scheme, e.g. https://adminapisgp.im.qcloud.com',
		);
	}
	return trimmed;
}

export function restUrl(connection: TencentConnection, command: TencentCommand): string {
	return `${connection.baseUrl}/${REST_API_VERSION}/${command}`;
}
