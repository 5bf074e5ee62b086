import { type Static, Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union(
  [
    Type.Literal('caseworker'),
    Type.Literal('coordinating_caseworker'),
    Type.Literal('health_professional'),
    Type.Literal('provider_staff'),
    Type.Literal('team_member'),
    Type.Literal('manager'),
    Type.Literal('administrator'),
    Type.Literal('citizen'),
    Type.Literal('operator'),
  ],
  { $id: 'Role' },
);

export const GrantSchema = Type.Object({
  role: Type.Ref(RoleSchema),
  organisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  organisationName: Type.Union([Type.String(), Type.Null()]),
  organisationType: Type.Union([Type.String(), Type.Null()]),
  /** Policy actions this role allows at all, so a page can tell which organisation acts. */
  allowedActions: Type.Optional(Type.Array(Type.String())),
});

export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('staff'), Type.Literal('citizen'), Type.Literal('operator')]),
    displayName: Type.String(),
    municipalityCode: Type.String(),
    municipalityName: Type.String(),
    citizenId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    roles: Type.Array(GrantSchema),
    /**
     * Every policy action some role of the user allows at all (before any row): pages show a
     * way in (a start-page task, "plan a meeting") from this, never from role names. The
     * server still decides each request, and a page about one row uses that row's own list.
     */
    allowedActions: Type.Array(Type.String()),
  },
  { $id: 'Me' },
);
export type Me = Static<typeof MeSchema>;

export const SessionResponseSchema = Type.Object({
  user: Type.Ref(MeSchema),
  csrfToken: Type.String(),
});
export type SessionResponse = Static<typeof SessionResponseSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
