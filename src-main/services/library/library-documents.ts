import type { RxDocument } from 'rxdb'
import type { LibraryDocument, LibraryDocumentOf, LibraryKind } from '@shared/model/library'
import { validateDocument } from '@shared/model/validate'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Reads and checks shared by the library services (case studies, templates, settings). */

/** The stored document of `kind` with this id, or null (also when the id is another kind's). */
export async function findLibraryDocument<K extends LibraryKind>(
  db: TierlineDatabase,
  kind: K,
  id: string,
): Promise<{ doc: RxDocument<LibraryDocumentOf<K>>; value: LibraryDocumentOf<K> } | null> {
  const doc = await db.library.findOne(id).exec()
  const value = doc?.toJSON() as LibraryDocument | undefined
  if (doc === null || value === undefined || value.kind !== kind) return null
  // The kind was checked above; RxDB types the collection as the union.
  return {
    doc: doc as unknown as RxDocument<LibraryDocumentOf<K>>,
    value: value as LibraryDocumentOf<K>,
  }
}

/** Every stored document of one kind, by name (the library's index). */
export async function listLibraryDocuments<K extends LibraryKind>(
  db: TierlineDatabase,
  kind: K,
): Promise<LibraryDocumentOf<K>[]> {
  const docs = await db.library
    .find({ selector: { kind }, sort: [{ kind: 'asc' }, { name: 'asc' }] })
    .exec()
  return docs
    .map((doc) => doc.toJSON() as LibraryDocument)
    .filter((doc): doc is LibraryDocumentOf<K> => doc.kind === kind)
}

/** The document as the model accepts it, or the model's typed validation error. */
export function checkedLibraryDocument<D extends LibraryDocument>(document: D): D {
  const result = validateDocument('library', document)
  if (!result.ok) throw result.error
  return document
}

/** Names of users by id, for "by whom" columns. */
export async function userNames(db: TierlineDatabase): Promise<Map<string, string>> {
  return new Map((await db.users.find().exec()).map((doc) => [doc.id, doc.name]))
}
