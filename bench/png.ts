// Tiny PNGs for the generated site's images: RGB, 8 bits, a two-colour pattern,
// written by hand. None of weft's dependencies writes PNGs (image-size only reads
// them), and these 40 lines keep the corpus's bytes the same from run to run.

import zlib from 'node:zlib'

type Rgb = [number, number, number]

const COLOURS: Rgb[] = [[232, 120, 60], [60, 160, 220], [90, 200, 120], [200, 80, 160], [240, 200, 60]]

/** A `width` × `height` PNG of squares of 4 pixels in a dark colour and the `variant`th light one. */
export function encodePng(width: number, height: number, variant: number): Buffer {
  const rows: Buffer[] = []
  const a: Rgb = [50, 50, 75]
  const b = COLOURS[variant % COLOURS.length]!
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) row.set(((x >> 2) + (y >> 2)) % 2 ? a : b, 1 + x * 3)
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

let crcTable: number[] | undefined
function crc32(bytes: Uint8Array): number {
  const table = (crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  }))
  let crc = 0xffffffff
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
