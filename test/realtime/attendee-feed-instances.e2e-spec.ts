import { RealtimeGateway } from 'src/modules/realtime/realtime.gateway';
import { createProject, projectApi, type Project } from '../projects/project-fixture';
import { startTestApp, type TestApp } from '../support/test-app';
import { EchoClient, feedChannel, sleep, until } from './echo-client';

/** Waits until each instance's adapter counts every instance (their LISTENs are up). */
async function untilClustered(apps: TestApp[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      apps.map((t) => t.app.get(RealtimeGateway).server!.of('/').adapter.serverCount()),
    );
    if (counts.every((count) => count >= apps.length)) return;
    if (Date.now() > deadline)
      throw new Error(`Instances never saw each other: ${counts.join(', ')}`);
    await sleep(200);
  }
}

(process.env.DATABASE_URL ? describe : describe.skip)(
  'live attendee events across two instances on one PostgreSQL database (skipped on PGlite: one instance, in-memory adapter)',
  () => {
    let a: TestApp;
    let b: TestApp;
    let project: Project;
    let dashboard: EchoClient;

    beforeAll(async () => {
      [a, b] = await Promise.all([startTestApp(), startTestApp()]);
      await Promise.all([a, b].map((t) => t.app.listen({ port: 0, host: '127.0.0.1' })));
      await untilClustered([a, b]);
      project = await createProject(a);
      dashboard = new EchoClient(await b.app.getUrl(), {
        Authorization: `Bearer ${project.organizer.token}`,
      });
      expect(await dashboard.subscribe(feedChannel(project.projectSlug))).toBeUndefined();
    });
    afterAll(async () => {
      dashboard?.close();
      await Promise.all([a, b].map((t) => t?.close()));
    });

    it('shows a dashboard connected to instance B an attendee created through instance A', async () => {
      const created = dashboard.next(feedChannel(project.projectSlug), 'AttendeeCreated');
      const attendee = await projectApi(a, project).attendee({ first_name: 'Via A' });
      expect(await created).toEqual({ attendee });
    });

    it('keeps the order of the changes made through one instance', async () => {
      const api = projectApi(a, project);
      const attendee = await api.attendee({ first_name: 'First' });
      await api.patch(`/attendees/${attendee.id}`, { first_name: 'Second' }).expect(200);
      const names = () =>
        dashboard.received
          .filter((item) => item.payload.attendee.id === attendee.id)
          .map((item) => `${item.name}:${item.payload.attendee.first_name}`);
      await until(() => names().length >= 4);
      expect(names()).toEqual([
        'App\\Events\\AttendeeCreated:First',
        'AttendeeCreated:First',
        'App\\Events\\AttendeeUpdated:Second',
        'AttendeeUpdated:Second',
      ]);
    });

    it('carries an event too large for a NOTIFY payload (through the attachments table)', async () => {
      const api = projectApi(a, project);
      await api.field('notes', 'text');
      const notes = 'x'.repeat(9_000);
      const created = dashboard.next(feedChannel(project.projectSlug), 'AttendeeCreated');
      const attendee = await api.attendee({ first_name: 'Large', custom_fields: { notes } });
      expect((await created).attendee).toEqual(attendee);
      expect((await created).attendee.custom_fields).toEqual({ notes });
    });
  },
);
