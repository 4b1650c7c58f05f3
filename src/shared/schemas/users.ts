import { z } from 'zod';
import { ROLES } from '../../domain/access';
import { FreeText } from './text';

/** Users as the API speaks them (administrators); the route names the answer User. */

export const UserJsonSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unitIds: z.array(z.string()),
  isActive: z.boolean(),
  hasPassword: z.boolean(),
  singleSignOn: z.boolean(),
  version: z.number().int(),
});
export type UserJson = z.infer<typeof UserJsonSchema>;

const roles = z
  .array(z.string().max(100))
  .max(20)
  .meta({ description: `Any of: ${ROLES.join(', ')}` });
const unitIds = z.array(z.string().max(100)).max(1000);

export const UserInputSchema = z.object({
  username: FreeText.max(200),
  displayName: FreeText.max(200),
  roles,
  unitIds: unitIds.default([]),
  password: z.string().max(1000).optional(),
});

export const UserChangeSchema = z.object({
  displayName: FreeText.max(200),
  roles,
  unitIds,
  isActive: z.boolean(),
  version: z.number().int().min(1),
});

export const PasswordInputSchema = z.object({ password: z.string().max(1000) });
