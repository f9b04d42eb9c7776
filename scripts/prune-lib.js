// Run before `npm pack`: deletes the compiled files in lib/ whose source in src/ is
// gone. `tsc -b` never removes them, so a long-lived checkout would ship modules
// that no longer exist. Unlike emptying lib/, this leaves every current file in
// place for whatever is running from lib/ at the time.

import fs from 'node:fs'
import path from 'node:path'

const outputs = /(\.d\.ts|\.js|\.js\.map)$/
for (const name of fs.readdirSync('lib', { recursive: true })) {
  if (!outputs.test(name)) continue
  const source = path.join('src', name.replace(outputs, '.ts'))
  if (!fs.existsSync(source)) {
    fs.rmSync(path.join('lib', name))
    console.log(`removed lib/${name}: src/ has no ${path.basename(source)}`)
  }
}
