import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "./queries.ts";
import { type ChannelRow, channels } from "./schema.ts";

/** Every channel, by vendor, then the order routing tries them in (priority first), then name. */
export function listChannels(db: Db) {
  return db
    .select()
    .from(channels)
    .orderBy(asc(channels.vendor), desc(channels.priority), asc(channels.name));
}

export async function getChannel(db: Db, id: string) {
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  return row;
}

export async function findChannelByName(db: Db, name: string) {
  const [row] = await db.select().from(channels).where(eq(channels.name, name));
  return row;
}

export async function insertChannel(db: Db, row: typeof channels.$inferInsert) {
  const [inserted] = await db.insert(channels).values(row).returning();
  return inserted!;
}

/** Changes a channel; the row as it now is, or undefined when there is none. */
export async function updateChannel(
  db: Db,
  id: string,
  set: Partial<Omit<ChannelRow, "id" | "vendor" | "source" | "createdAt">> & { updatedAt: number },
) {
  const [row] = await db.update(channels).set(set).where(eq(channels.id, id)).returning();
  return row;
}

/** Deletes a channel; the row it was, or undefined. Usage rows and rollups keep its id. */
export async function deleteChannel(db: Db, id: string) {
  const [row] = await db.delete(channels).where(eq(channels.id, id)).returning();
  return row;
}
