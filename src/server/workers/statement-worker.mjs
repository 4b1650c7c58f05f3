// The entry of a statement worker thread. The worker's code is TypeScript: it is loaded through
// tsx's loader here, scoped to this import, whether or not the process itself runs under tsx
// (`npm start` and `npm run dev` do; a test runner's process need not).
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./statement-worker.ts', import.meta.url);

export default worker.default;
