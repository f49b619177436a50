// npm run bench: every benchmark, each reporting a ratio to a baseline measured in the same run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAging } from './aging';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '../dist');
benchAging(distDir);
