import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkSdkAppId, SDK_APP_ID_FIX } from '../helpers/sdkAppId';
import { REST_API_VERSION, type TencentCommand } from '../tencent/contract';
import { CUSTOM_REGION } from '../tencent/regions';

export const CREDENTIAL_TYPE = 'tencentChatApi';

export interface TencentConnection {
	sdkAppId: number;
	identifier: string;
	/** Scheme and host, no trailing slash. */
	baseUrl: string;
}

export type ResolvedConnection = { ok: true; connection: TencentConnection } | { ok: false; message: string; fix: string };

/** Reads what the transport needs from the credential and checks it before any call is made. */
export function resolveConnection(credentials: ICredentialDataDecryptedObject): ResolvedConnection {
	const checkedAppId = checkSdkAppId(credentials.sdkAppId);
	if (!checkedAppId.ok) return { ok: false, message: checkedAppId.reason, fix: SDK_APP_ID_FIX };
	const sdkAppId = checkedAppId.value;
	const identifier = String(credentials.adminIdentifier ?? '');
	const region = String(credentials.region ?? '');
	if (region !== CUSTOM_REGION) return { ok: true, connection: { sdkAppId, identifier, baseUrl: `https://${region}` } };
	const raw = String(credentials.baseUrl ?? '');
	const baseUrl = raw.trim().replace(/\/+$/, '');
	if (!isHttpUrl(baseUrl)) {
		return {
			ok: false,
			message: `The Base URL "${raw}" in the Tencent Chat credential is not an http(s) URL`,
			fix: 'Enter the REST API address with its scheme, e.g. https://adminapisgp.im.qcloud.com',
		};
	}
	return { ok: true, connection: { sdkAppId, identifier, baseUrl } };
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}

export function restUrl(connection: TencentConnection, command: TencentCommand): string {
	return `${connection.baseUrl}/${REST_API_VERSION}/${command}`;
}
