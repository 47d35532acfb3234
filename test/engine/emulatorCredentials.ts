import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEFAULT_APP, type TencentChatEmulator } from '../emulator';

/**
 * Tencent Chat API credential data (as n8n decrypts it) pointing at a running emulator: Region "Custom
 * URL", the emulator's default app and admin. Kept free of node imports so tsx scripts can use it too.
 */
export function emulatorCredentials(
	emulator: Pick<TencentChatEmulator, 'url'>,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		sdkAppId: DEFAULT_APP.sdkAppId,
		region: 'custom',
		baseUrl: emulator.url,
		secretKey: DEFAULT_APP.secretKey,
		adminIdentifier: DEFAULT_APP.admins[0],
		userSigValiditySeconds: 86400,
		...overrides,
	};
}
