// Run by the vitest global setup under tsx (as the app's own scripts run), so the seed's modules load
// exactly as in production: builds the snapshots and prints them as JSON on the last line.
import { buildTestSnapshots } from './test-snapshots';

buildTestSnapshots(process.env.TEST_DATABASE_URL || undefined).then(
  (snapshots) => {
    process.stdout.write(`\n${JSON.stringify(snapshots)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
