export function channelsCli(): void {}
