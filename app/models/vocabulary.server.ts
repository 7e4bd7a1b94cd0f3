import type { DB } from "~/db/db.server";
import { CAPABILITIES } from "~/domain/vocabulary";

/**
 * The capability vocabulary lives in code (app/domain/vocabulary.ts); forms, search and imports read
 * it from the database. Run at every start: adds what is new, renames what changed, and keeps the
 * synonyms as the code says. Existing ids never change, so tags on scenarios and vendors stay put.
 */
export async function syncCapabilities(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const c of CAPABILITIES) {
      await trx.insertInto("capabilities").values({ slug: c.slug, name_zh: c.zh, name_en: c.en })
        .onConflict((oc) => oc.column("slug").doUpdateSet({ name_zh: c.zh, name_en: c.en }))
        .execute();
    }
    const ids = new Map((await trx.selectFrom("capabilities").select(["id", "slug"]).execute()).map((r) => [r.slug, r.id]));
    await trx.deleteFrom("capability_synonyms").execute();
    const synonyms = CAPABILITIES.flatMap((c) => [...new Set(c.synonyms)].map((term) => ({ capability_id: ids.get(c.slug)!, term })));
    if (synonyms.length) await trx.insertInto("capability_synonyms").values(synonyms).execute();
  });
}
