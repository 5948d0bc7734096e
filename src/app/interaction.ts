import { z } from 'zod';

/**
 * An interaction exactly as Discord sends it, over the gateway or to POST /interactions, read through one schema at
 * the edge. Only what Dossier uses is declared; anything else Discord adds passes through unread. A payload that
 * fails is refused before any command runs.
 */

export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

const Snowflake = z.string().regex(/^\d{1,21}$/);

const UserSchema = z.object({ id: Snowflake, username: z.string().max(100).default('') });

const MemberSchema = z.object({
  user: UserSchema,
  roles: z.array(Snowflake).max(500).default([]),
  permissions: z.string().max(40).optional(),
});

export interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
}

/** Option values stay unknown here: the reader checks each one's type, so a forged value reads as absent. */
const OptionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string().max(100),
    type: z.number().int(),
    value: z.unknown().optional(),
    focused: z.boolean().optional().catch(undefined),
    options: z.array(OptionSchema).max(25).optional().catch(undefined),
  }),
);

const AttachmentSchema = z.object({
  id: Snowflake,
  filename: z.string().max(1000),
  url: z.string().max(2000),
  size: z.number().int().nonnegative(),
});

export const CommandDataSchema = z.object({
  name: z.string().max(100),
  options: z.array(OptionSchema).max(25).optional().catch(undefined),
  resolved: z
    .object({ attachments: z.record(z.string(), AttachmentSchema).optional() })
    .optional()
    .catch(undefined),
});
export type CommandData = z.infer<typeof CommandDataSchema>;

export const ComponentDataSchema = z.object({ custom_id: z.string().max(400), component_type: z.number().int() });

interface ModalNode {
  custom_id?: string;
  value?: string;
  component?: ModalNode;
  components?: ModalNode[];
}
const ModalNodeSchema: z.ZodType<ModalNode> = z.lazy(() =>
  z.object({
    custom_id: z.string().max(100).optional(),
    value: z.string().max(4000).optional(),
    component: ModalNodeSchema.optional(),
    components: z.array(ModalNodeSchema).max(25).optional(),
  }),
);
export const ModalDataSchema = z.object({ custom_id: z.string().max(100), components: z.array(ModalNodeSchema).max(25).default([]) });

export const InteractionSchema = z.object({
  id: Snowflake,
  application_id: Snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(1000),
  guild_id: Snowflake.optional(),
  channel_id: Snowflake.optional(),
  member: MemberSchema.optional(),
  user: UserSchema.optional(),
  data: z.unknown().optional(),
  message: z.object({ id: Snowflake }).loose().optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

/** Who acted: a member in a server, or a user in a direct message. */
export function actorOf(interaction: Interaction): { id: string; name: string; roleIds: string[]; permissions: string | null } {
  const user = interaction.member?.user ?? interaction.user ?? { id: '0', username: '' };
  return {
    id: user.id,
    name: user.username,
    roleIds: interaction.member?.roles ?? [],
    permissions: interaction.member?.permissions ?? null,
  };
}

/** The submitted fields of a form, by custom id, however deep Discord nests them (action rows or labels). */
export function modalFields(nodes: readonly ModalNode[]): Map<string, string> {
  const fields = new Map<string, string>();
  const visit = (node: ModalNode) => {
    if (node.custom_id !== undefined && node.value !== undefined) fields.set(node.custom_id, node.value);
    if (node.component) visit(node.component);
    for (const child of node.components ?? []) visit(child);
  };
  nodes.forEach(visit);
  return fields;
}
