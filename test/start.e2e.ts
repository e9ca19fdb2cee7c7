import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '@sahem/kit';
import { launchBrowser } from '../gateway/test/support/launchBrowser.ts';

// `npm start` as a user runs it: a real child process group, real ports, real embedded
// PostgreSQL servers; then Ctrl-C (SIGINT to the whole group, as a terminal sends it).
const root = path.resolve(import.meta.dirname, '..');
let dataDir: string | undefined;
let child: ChildProcess | undefined;

afterAll(async () => {
  // Only if the test failed half-way: the whole group it started, nothing else.
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** PIDs of running processes whose command line mentions `text` (our data folder). */
async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

it('starts the whole graph, answers through the gateway, and leaves nothing behind on Ctrl-C', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sahem-start-'));
  const gatewayPort = await freePort();
  child = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group, so the signal below reaches it like Ctrl-C would
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SAHEM_DATA_DIR: dataDir,
      SAHEM_SEED_SCALE: '0.05',
      GATEWAY_PORT: String(gatewayPort),
      VOLUNTEERS_PORT: '0',
      PROGRAMS_PORT: '0',
      VOLUNTEERS_PG_PORT: '0',
      PROGRAMS_PG_PORT: '0',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const deadline = Date.now() + 120_000;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(output).toContain(`http://127.0.0.1:${gatewayPort}/graphql`);
  expect(await processesMentioning(dataDir)).not.toHaveLength(0);

  // npm start prints a demo token per role; the admin's may see personal fields.
  const adminToken = /platform_admin admin-01\s+(\S+)/.exec(output)?.[1];
  expect(adminToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      query: `{ volunteers(filter: { regionCode: "SA-01", minWeeklyHours: 1 }, first: 5) {
        totalCount edges { node { id fullName participations { program { id agency { code } } } verifiedHours } } } }`,
    }),
  });
  const result = (await response.json()) as any;
  expect(result.errors).toBeUndefined();
  expect(result.data.volunteers.totalCount).toBeGreaterThan(0);

  // The explorer and the dashboard it prints work in a browser that can reach nothing but
  // this machine: no CDN, no outside fonts, no telemetry.
  const base = `http://127.0.0.1:${gatewayPort}`;
  expect(output).toMatch(new RegExp(`explorer +${base}/explorer/`));
  expect(output).toMatch(new RegExp(`dashboard +${base}/dashboard/`));
  const browser = await launchBrowser();
  try {
    const dashboard = await browser.newPage();
    await dashboard.goto(`${base}/dashboard/?lang=en`);
    await dashboard.locator('#content').waitFor({ state: 'visible' });
    const registered = await dashboard
      .locator('[data-figure=registeredVolunteers] data')
      .getAttribute('value');
    expect(Number(registered)).toBeGreaterThan(0);
    await browser.screenshot(dashboard, 'npm-start-dashboard');
    const explorer = await browser.newPage();
    await explorer.goto(`${base}/explorer/`);
    await explorer.locator('.graphiql-container').waitFor();
    await explorer.getByLabel('Demo identity').selectOption({ label: 'analyst analyst-01' });
    const answered = explorer.waitForResponse((response) => response.url() === `${base}/graphql`);
    await explorer.locator('.graphiql-execute-button').click();
    const answer = (await (await answered).json()) as { data?: { agencies: unknown[] } };
    expect(answer.data?.agencies).toHaveLength(4);
    await browser.screenshot(explorer, 'npm-start-explorer');
    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  } finally {
    await browser.close();
  }

  // npm dies of the signal at once; our start script keeps going until everything is stopped.
  process.kill(-child.pid!, 'SIGINT');
  const stopDeadline = Date.now() + 30_000;
  while (!output.includes('\nstopped')) {
    if (Date.now() > stopDeadline) throw new Error(`npm start did not stop:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await processesMentioning(dataDir)).toEqual([]);
}, 180_000);
