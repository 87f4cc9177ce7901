import Type from 'typebox';
import { defineKind } from '../definition.js';
import { slideModel, type SlideData } from './model.js';

export const slide = defineKind<SlideData>()({
  ...slideModel,
  stepSchema: Type.Object({
    body: Type.Optional(Type.String({ maxLength: 5000, description: 'De tekst van de dia. Een lege regel begint een nieuwe alinea; "- " maakt een opsomming.' })),
  }),
  events: {},
  commands: {},
  harvest: () => ({ data: {}, blocks: [], rows: [] }),
});
