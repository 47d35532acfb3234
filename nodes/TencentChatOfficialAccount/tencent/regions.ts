/**
 * Tencent Chat data centres. The option value is the REST domain itself, so the credential test
 * request can build its URL with a plain expression.
 * UNCERTAIN: Tokyo is only listed on per-API pages; Mumbai is missing from newer pages. Custom covers both.
 */
export const CUSTOM_REGION = 'custom';

export const REGIONS = [
	{ name: 'China (console.tim.qq.com)', value: 'console.tim.qq.com' },
	{ name: 'Singapore (adminapisgp.im.qcloud.com)', value: 'adminapisgp.im.qcloud.com' },
	{ name: 'Seoul (adminapikr.im.qcloud.com)', value: 'adminapikr.im.qcloud.com' },
	{ name: 'Tokyo (adminapijpn.im.qcloud.com)', value: 'adminapijpn.im.qcloud.com' },
	{ name: 'Frankfurt (adminapiger.im.qcloud.com)', value: 'adminapiger.im.qcloud.com' },
	{ name: 'Mumbai (adminapiind.im.qcloud.com)', value: 'adminapiind.im.qcloud.com' },
	{ name: 'Silicon Valley (adminapiusa.im.qcloud.com)', value: 'adminapiusa.im.qcloud.com' },
	{ name: 'Jakarta (adminapiidn.im.qcloud.com)', value: 'adminapiidn.im.qcloud.com' },
	{ name: 'Custom URL', value: CUSTOM_REGION },
] as const;
