import type { LoadScenario } from './scenario.ts';

/** The GxP list of the 200,000-attendee project, filtered on a type held by one in ten. */
export const projectList: LoadScenario = {
  kind: 'load',
  name: 'project-list',
  summary:
    'GET /api/v1/projects/{team}/{project}/attendees?filter[attendee_type_id]=<Speaker>&sort=-created_at&include=credentials&per_page=100',
  workload: ({ fixture }) => {
    const { organization, project } = fixture;
    const path =
      `/api/v1/projects/${organization.slug}/${project.slug}/attendees` +
      `?filter[attendee_type_id]=${project.speakerTypeId}&sort=-created_at&include=credentials&per_page=100`;
    return Promise.resolve({ method: 'GET', next: () => ({ path }), expect: [200] });
  },
  sameBody: true,
};
