// What reading each page gave the last build, with the file's size and time then: a
// build in a new process takes a page whose file has the same size and time from
// here instead of reading and parsing it again (as git trusts its index, and as the
// build manifest does for the whole site). Kept in the site's part of the cache, in
// V8's serialization: front matter holds what JSON would change (a YAML date is a Date).

import fs from 'node:fs'
import v8 from 'node:v8'
import { writeAtomically } from '../compile/atomic-write.js'
import type { PlainMessage } from '../core/diagnostics.js'
import type { PageSource } from '../load/read-page.js'

const format = 1

/** One file as the last build loaded it. */
export interface RecordedLoad {
  /** `fileStamp` taken before the file was read. */
  stamp: string
  /** `SourceStore.digest` of the text read. */
  digest: string
  /** The page, or none when reading it found an error. */
  page: PageSource | undefined
  messages: PlainMessage[]
}

interface RecordFile {
  format: number
  /** Whatever else reading a page depends on: weft's version and the config (see `fingerprintConfig`), and V8's. */
  setting: string
  loads: [string, RecordedLoad][]
}

/** The loads recorded under `setting`; none when the record is missing, damaged or made under another setting. */
export function readLoadRecord(file: string, setting: string): Map<string, RecordedLoad> {
  try {
    const record = v8.deserialize(fs.readFileSync(file)) as RecordFile
    if (record.format !== format || record.setting !== setting || !Array.isArray(record.loads)) return new Map()
    return new Map(record.loads.filter(([name, load]) => typeof name === 'string' && typeof load?.stamp === 'string' && typeof load.digest === 'string' && Array.isArray(load.messages)))
  } catch {
    return new Map()
  }
}

export function writeLoadRecord(file: string, setting: string, loads: Iterable<[string, RecordedLoad]>): void {
  const record: RecordFile = { format, setting, loads: [...loads] }
  writeAtomically(file, v8.serialize(record))
}
