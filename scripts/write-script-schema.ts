/** `npm run scripts:schema`: writes docs/script.schema.json, the JSON Schema editors use to autocomplete scripts. */
import { writeFileSync } from 'node:fs';
import { scriptJsonSchema } from '../server/scripts/script-schema.js';

writeFileSync('docs/script.schema.json', `${JSON.stringify(scriptJsonSchema(), null, 2)}\n`);
console.log('docs/script.schema.json written.');
