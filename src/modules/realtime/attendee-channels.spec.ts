import { attendeeChannelNames, parseAttendeeChannel } from './attendee-channels';

describe('attendee channel names', () => {
  it('reads the seed’s form as a project of the caller’s own organization', () => {
    expect(parseAttendeeChannel('private-dashboard.project.summit-2025.attendees')).toEqual({
      projectSlug: 'summit-2025',
    });
  });

  it('reads the qualified form as a project of a named organization', () => {
    expect(parseAttendeeChannel('private-dashboard.project.acme.summit-2025.attendees')).toEqual({
      teamSlug: 'acme',
      projectSlug: 'summit-2025',
    });
  });

  it.each([
    'dashboard.project.summit.attendees', // Echo always adds `private-`
    'presence-dashboard.project.summit.attendees',
    'private-dashboard.project.attendees',
    'private-dashboard.project.a.b.c.attendees',
    'private-dashboard.project.Summit.attendees',
    'private-dashboard.project.-summit.attendees',
    'private-dashboard.project.summit.attendees.extra',
    'private-dashboard.project.summit.registrations',
    'private-dashboard.project.sum mit.attendees',
    '',
  ])('refuses %p', (name) => {
    expect(parseAttendeeChannel(name)).toBeUndefined();
  });

  it('names both forms of a project, each of which parses back to it', () => {
    const names = attendeeChannelNames('acme', 'summit');
    expect(names).toEqual([
      'private-dashboard.project.summit.attendees',
      'private-dashboard.project.acme.summit.attendees',
    ]);
    expect(names.map(parseAttendeeChannel)).toEqual([
      { projectSlug: 'summit' },
      { teamSlug: 'acme', projectSlug: 'summit' },
    ]);
  });
});
