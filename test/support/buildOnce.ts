import { build } from '../../build.mjs';

export default async function buildOnce(): Promise<void> {
  await build({ quiet: true });
}
