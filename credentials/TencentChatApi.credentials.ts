import { randomInt } from 'node:crypto';
import {
	UserError,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeProperties,
	type Icon,
} from 'n8n-workflow';

import { COMMANDS, QUERY, RANDOM_MAX, REPLY, REST_API_VERSION } from '../nodes/TencentChatOfficialAccount/tencent/contract';
import { checkSdkAppId, SDK_APP_ID_EXAMPLE, SDK_APP_ID_FIX } from '../nodes/TencentChatOfficialAccount/helpers/sdkAppId';
import { CUSTOM_REGION, REGIONS } from '../nodes/TencentChatOfficialAccount/tencent/regions';
import { getUserSig } from '../nodes/TencentChatOfficialAccount/tencent/userSig';

export const DEFAULT_USER_SIG_VALIDITY_SECONDS = 86400;

export class TencentChatApi implements ICredentialType {
	name = 'tencentChatApi';

	displayName = 'Tencent Chat API';

	icon: Icon = {
		light: 'file:../icons/tencentChat.svg',
		dark: 'file:../icons/tencentChat.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-tencent-chat/n8n-nodes-tencent-chat?tab=readme-ov-file#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'SDKAppID',
			name: 'sdkAppId',
			// Text, not a number field: empty by default, so the placeholder shows and Required catches a missing value.
			// Credentials saved when it was a number field hold a number; checkSdkAppId reads both.
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. ${SDK_APP_ID_EXAMPLE}`,
			description: 'The number of your Tencent Chat application, digits only (console: Applications > your app, SDKAppID)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGIONS.map((region) => ({ name: region.name, value: region.value })),
			default: 'console.tim.qq.com',
			description: 'The data centre your application was created in; Custom URL points at a proxy or a test server',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://adminapisgp.im.qcloud.com',
			description: 'Scheme and host of the REST API, without a path; http:// is allowed for local test servers',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The application key from the console (Basic Information > Display key); used only to sign UserSigs locally',
		},
		{
			displayName: 'Admin Identifier',
			name: 'adminIdentifier',
			type: 'string',
			default: 'administrator',
			required: true,
			description: 'UserID of an App admin (console: Account Management > App admin)',
		},
		{
			displayName: 'UserSig Validity (Seconds)',
			name: 'userSigValiditySeconds',
			type: 'number',
			typeOptions: { minValue: 60 },
			default: DEFAULT_USER_SIG_VALIDITY_SECONDS,
			description: 'How long each signed UserSig stays valid; the node renews it after half of this time',
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the trigger node: the token of callback authentication (console: Callback Configuration). Leave empty if you do not use the trigger.',
		},
	];

	/** Signs every request: Tencent authenticates REST calls by query parameters, not headers. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const checkedAppId = checkSdkAppId(credentials.sdkAppId);
		// Reached by the credential test (n8n shows the message); the node checks the credential before any call.
		if (!checkedAppId.ok) throw new UserError(`${checkedAppId.reason}. ${SDK_APP_ID_FIX}`);
		const sdkAppId = checkedAppId.value;
		const identifier = String(credentials.adminIdentifier ?? '');
		const userSig = getUserSig({
			sdkAppId,
			identifier,
			secretKey: String(credentials.secretKey ?? ''),
			expireSeconds: Number(credentials.userSigValiditySeconds) || DEFAULT_USER_SIG_VALIDITY_SECONDS,
		});
		return {
			...requestOptions,
			qs: {
				...requestOptions.qs,
				[QUERY.sdkAppId]: sdkAppId,
				[QUERY.identifier]: identifier,
				[QUERY.userSig]: userSig,
				// A fresh uint32 per request; randomInt's upper bound is exclusive.
				[QUERY.random]: randomInt(0, RANDOM_MAX + 1),
				[QUERY.contentType]: 'json',
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.region === "${CUSTOM_REGION}" ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : "https://" + $credentials.region }}`,
			url: `/${REST_API_VERSION}/${COMMANDS.accountCheck}`,
			method: 'POST',
			body: { CheckItem: [{ UserID: '={{ $credentials.adminIdentifier }}' }] },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: REPLY.actionStatus,
					value: REPLY.fail,
					message:
						'Tencent Chat refused these credentials. Check the SDKAppID, the Region your app was created in, the Secret Key and that Admin Identifier is an App admin.',
				},
			},
		],
	};
}
