// Runs once when the server starts: migrate, seed the demo data on the embedded default,
// print the demo accounts, and start delivering queued mail and SMS.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServer } = await import('./lib/server-start');
  await prepareServer();
}
